import DualAD
import GradientCheck
import Testing

@Suite("Taylor test: the slope of the first-order residual")
struct TaylorTestTests {
  @Test("exp with the right derivative: slope 2; with exp′ = 2·exp: slope 1")
  func rightAndWrongSlopes() throws {
    let right = try checkGradients(at: [0.3], value: { [Double.exp($0[0])] }, jvp: { x, t in [Double.exp(x[0]) * t[0]] })
    let rightTaylor = try #require(right.taylor)
    // r(h) = exp(x)·(e^{hu} − 1 − hu) ≈ exp(x)·(hu)²/2: log₂ r(h)/r(h/2) → 2.
    #expect(Swift.abs((rightTaylor.slope ?? 0) - 2) < 0.1, "\(right)")
    #expect(rightTaylor.passed)
    let wrong = try checkGradients(at: [0.3], value: { [Double.exp($0[0])] }, jvp: { x, t in [2 * Double.exp(x[0]) * t[0]] })
    let wrongTaylor = try #require(wrong.taylor)
    // r(h) ≈ exp(x)·|hu|: slope 1.
    #expect(Swift.abs((wrongTaylor.slope ?? 0) - 1) < 0.1, "\(wrong)")
    #expect(!wrongTaylor.passed)
    #expect(wrong.failures.contains { $0.hasPrefix("Taylor residuals fall with slope 1") })
  }

  @Test("The residuals are r(h) = ‖f(x + h·u) − f(x) − h·J·u‖ for h = 2⁻¹ … 2⁻³⁶")
  func residualsFollowTheDefinition() throws {
    // f(x) = x² at x = 2, J = 4: r(h) = (h·u)² exactly, so r(h)/h² is the same for every fitted h.
    let report = try checkGradients(at: [2], value: { [$0[0] * $0[0]] }, jvp: { x, t in [2 * x[0] * t[0]] })
    let taylor = try #require(report.taylor)
    #expect(taylor.residuals.count == 36)
    #expect(taylor.residuals.first?.step == 0.5)
    #expect(taylor.residuals.last?.step == 0x1p-36)
    let fitted = taylor.residuals.filter(\.fitted)
    #expect(fitted.count >= 3)
    let ratios = fitted.map { $0.residual / ($0.step * $0.step) }
    for ratio in ratios { #expect(Swift.abs(ratio / ratios[0] - 1) < 1e-3) }
    #expect(Swift.abs((taylor.slope ?? 0) - 2) < 1e-3)
  }

  @Test("Near a kink: max(x, 2.5) at 2.4 crosses it for large h only; with J = 0 it passes, with J = 1 it fails")
  func nearAKink() throws {
    let right = try checkGradients(at: [2.4], value: { [Swift.max($0[0], 2.5)] }, jvp: { _, t in [0 * t[0]] })
    // Steps with h·|u| > 0.1 reach the other side, where f − f(x) − h·J·u = x + h·u − 2.5 falls like h;
    // below that the residual is exactly 0.
    #expect(right.taylor?.passed == true, "\(right)")
    #expect(right.verdict == .passed, "\(right)")
    let wrong = try checkGradients(at: [2.4], value: { [Swift.max($0[0], 2.5)] }, jvp: { _, t in [t[0]] })
    #expect(wrong.taylor?.passed == false, "\(wrong)")
    #expect(Swift.abs((wrong.taylor?.slope ?? 0) - 1) < 0.05)
  }

  @Test("A linear function: every residual is round-off, no slope, and the test passes")
  func linearFunctionIsExact() throws {
    let report = try checkGradients(at: [1, 2], value: { [3 * $0[0] - $0[1]] }, jvp: { _, t in [3 * t[0] - t[1]] })
    let taylor = try #require(report.taylor)
    #expect(taylor.slope == nil)
    #expect(taylor.passed)
    #expect(report.description.contains("taylor: ‖f(x+h·u) − f(x) − h·J·u‖ is at round-off"))
  }

  @Test("Hessian checks run the test on the gradient: slope 2 for x⁴ with H = 12x²")
  func hessianTaylor() throws {
    let report = try checkHessian(
      at: [1.5], value: { $0[0] * $0[0] * $0[0] * $0[0] }, gradient: { [4 * $0[0] * $0[0] * $0[0]] },
      hessianVectorProduct: { x, v in [12 * x[0] * x[0] * v[0]] })
    #expect(Swift.abs((report.taylor?.slope ?? 0) - 2) < 0.1, "\(report)")
    let wrong = try checkHessian(
      at: [1.5], value: { $0[0] * $0[0] * $0[0] * $0[0] }, gradient: { [4 * $0[0] * $0[0] * $0[0]] },
      hessianVectorProduct: { x, v in [6 * x[0] * x[0] * v[0]] })
    #expect(Swift.abs((wrong.taylor?.slope ?? 0) - 1) < 0.1, "\(wrong)")
    #expect(wrong.verdict == .failed)
  }
}
