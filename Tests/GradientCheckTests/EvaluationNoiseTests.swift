import DualAD
import Foundation
import GradientCheck
import Testing

@Suite("Evaluation noise: round-off of f that GSL's estimate cannot see")
struct EvaluationNoiseTests {
  /// u = ε/2.
  let u = Double.ulpOfOne / 2

  @Test("The running bound of x + y at (1, 2) is u·1 + u·2 + u·3 = 6u")
  func boundOfASum() {
    let sum = RunningErrorBound(1) + RunningErrorBound(2)
    #expect(sum.value == 3)
    #expect(sum.bound == 6 * u)
  }

  /// Each product: |y|·u|x| + |x|·u|y| + u|xy| = 18u at (3, −2); the difference carries both
  /// bounds plus u·6 for each operand's own rounding, and u·0 for its result: 48u.
  @Test("x·y − y·x at (3, −2) is exactly 0 with a bound of 48u: the terms' size, not the result's")
  func boundOfACancellation() {
    let x = RunningErrorBound(3), y = RunningErrorBound(-2)
    let difference = x * y - y * x
    #expect(difference.value == 0)
    #expect(difference.bound == 48 * u)
  }

  /// (s − softplus(s))·xᵢ with s = Σx ≈ 11.4: s − softplus(s) = −log1p(e⁻ˢ) ≈ −10⁻⁵ is the
  /// difference of two numbers near 11, so f's round-off is about 10⁻¹⁵ while |f| ≈ 10⁻⁵.
  struct SoftplusCancellation: ADFunction {
    func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
      let s = x.reduce(0, +)
      let g = s - T.softplus(s)
      return x.map { g * $0 }
    }
  }

  let point: [Double] = [2.8, 2, 1.7, 1.36, 3, 0.58]

  /// ∂(g(s)·xᵢ)/∂xⱼ = g′(s)·xᵢ + g(s)·[i = j] with g(s) = −log1p(e⁻ˢ) and g′(s) = 1/(1 + eˢ).
  var exactJacobian: [[Double]] {
    let s = point.reduce(0, +)
    let g = -log1p(exp(-s)), dg = 1 / (1 + exp(s))
    return point.indices.map { i in point.indices.map { j in dg * point[i] + (i == j ? g : 0) } }
  }

  @Test("Without the noise, GSL's own abserr understates its error on some entry of the cancellation")
  func gslAloneUnderstatesTheError() throws {
    let f = SoftplusCancellation()
    let plain = try numericalJacobian(at: point) { f($0) }
    let understated = zip(plain.entries.joined(), exactJacobian.joined()).contains { Swift.abs($0.value - $1) > $0.abserr }
    #expect(understated)
  }

  @Test("With the running bound as noise, every estimate's abserr covers its distance to the closed form")
  func noiseMakesTheEstimateHonest() throws {
    let f = SoftplusCancellation()
    let noise = f(point.map { RunningErrorBound($0) }).map(\.bound)
    #expect(noise.allSatisfy { $0 > 1e-15 && $0 < 1e-12 })
    let estimate = try numericalJacobian(at: point, oneSided: true, noise: noise) { f($0) }
    for (partial, exact) in zip(estimate.entries.joined(), exactJacobian.joined()) {
      #expect(Swift.abs(partial.value - exact) <= partial.abserr, "\(partial) against \(exact)")
      #expect(partial.evaluationNoise > 0)
    }
  }

  @Test("The check of the cancellation passes in full and in fast mode: no mismatch, no false kink")
  func cancellationPasses() throws {
    let full = try checkGradients(of: SoftplusCancellation(), at: point)
    #expect(full.passed, "\(full)")
    #expect(full.entries.allSatisfy { $0.verdict == .pass }, "\(full)")
    let fast = try checkGradients(of: SoftplusCancellation(), at: point, directions: 4)
    #expect(fast.passed, "\(fast)")
  }

  @Test("A wrong derivative of the cancellation is still caught: g′ off by 1 %")
  func wrongDerivativeStillFails() throws {
    let f = SoftplusCancellation()
    let exact = exactJacobian
    let report = try checkGradients(
      at: point, value: { f($0) },
      jvp: { _, t in exact.map { row in 1.01 * zip(row, t).map(*).reduce(0, +) } })
    #expect(report.verdict == .failed, "\(report)")
  }
}
