import DualAD
import GradientCheck
import Testing

/// `gradientCheckFailure(of:at:)`: nil when the derivatives are right, the report otherwise.
struct GradientCheckFailureTests {
  struct Softplus: ADFunction {
    func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.log(1 + T.exp($0)) } }
  }

  /// A classic mistake: the square computed through `.primal` drops out of the derivative.
  struct DetachedSquare: ADFunction {
    func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T(x[0].primal * x[0].primal) + x[1]] }
  }

  struct Logarithm: ADFunction {
    func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.log($0) } }
  }

  @Test func correctDerivativesGiveNil() {
    #expect(gradientCheckFailure(of: Softplus(), at: [-3.0, 0.5, 4]) == nil)
    #expect(gradientCheckFailure(of: Softplus(), at: [2 as Float]) == nil)
  }

  @Test func wrongDerivativeGivesTheReportWithTheWrongEntry() throws {
    let failure = try #require(gradientCheckFailure(of: DetachedSquare(), at: [3.0, 1]))
    guard case .mismatch(let report) = failure else {
      Issue.record("expected a mismatch, got \(failure)")
      return
    }
    // d(x₀²)/dx₀ = 6 at x₀ = 3, AD sees 0; ∂/∂x₁ = 1 is right.
    #expect(report.mismatches.map(\.input) == [0])
    let entry = try #require(report.mismatches.first)
    #expect(entry.forward == 0 && entry.reverse == 0)
    #expect(Swift.abs(entry.numerical - 6) < 1e-8)
    #expect(failure.description == "\(report)")
    #expect(failure.description.contains("mismatch"))
  }

  @Test func pointOutsideTheDomainIsAnUncheckableFailure() throws {
    let failure = try #require(gradientCheckFailure(of: Logarithm(), at: [2.0, -1]))
    #expect(failure == .uncheckable(.nonFiniteValue(output: 1, value: .nan), point: [2, -1]) || failure.isUncheckable)
    #expect(failure.description.hasPrefix("gradient check could not run at [2.0, -1.0]: output 1 of the function is"))
  }
}

extension GradientCheckFailure {
  fileprivate var isUncheckable: Bool {
    if case .uncheckable(.nonFiniteValue(output: 1, _), point: [2, -1]) = self { return true }
    return false
  }
}
