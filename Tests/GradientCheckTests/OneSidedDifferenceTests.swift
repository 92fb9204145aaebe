import GradientCheck
import Testing

/// Near the edge of a domain the central difference leaves it; GSL's one-sided rules take over.
struct OneSidedDifferenceTests {
  @Test func forwardDifferenceAtTheLeftEdgeOfTheDomain() throws {
    // f(x) = x^1.5 is NaN for x < 0; f′(0) = 1.5·√0 = 0.
    let jacobian = try numericalJacobian(at: [0]) { [Double.pow($0[0], 1.5)] }
    let entry = jacobian.entries[0][0]
    #expect(entry.method == .forward)
    #expect(Swift.abs(entry.value) <= 10 * entry.abserr + 1e-12)
    #expect(entry.abserr < 1e-3)
  }

  @Test func backwardDifferenceAtTheRightEdgeOfTheDomain() throws {
    // f(x) = (1 − x)^1.5 is NaN for x > 1; f′(1) = −1.5·√0 = 0.
    let jacobian = try numericalJacobian(at: [1]) { [Double.pow(1 - $0[0], 1.5)] }
    let entry = jacobian.entries[0][0]
    #expect(entry.method == .backward)
    #expect(Swift.abs(entry.value) <= 10 * entry.abserr + 1e-12)
  }

  @Test func handWrittenDerivativeChecksAtTheEdge() throws {
    // √x·x = x^1.5 with derivative 1.5√x, checked at 0 where only the forward rule works.
    let report = try checkGradients(
      name: "x^1.5 at 0", at: [0], value: { [Double.pow($0[0], 1.5)] },
      jvp: { x, t in [1.5 * Double.sqrt(x[0]) * t[0]] })
    #expect(report.passed, "\(report)")
    #expect(report.entries[0].method == .forward)
  }

  @Test func centralDifferenceCloseToZeroUsesAStepScaledToX() throws {
    // √x at 10⁻¹²: a step of 10⁻³ would cross 0; a step of 10⁻³·|x| does not. √′ = 1/(2·10⁻⁶) = 5·10⁵.
    let sqrtEntry = try numericalJacobian(at: [1e-12]) { [Double.sqrt($0[0])] }.entries[0][0]
    #expect(sqrtEntry.method == .central)
    #expect(Swift.abs(sqrtEntry.value - 5e5) <= 1e-6 * 5e5)
    // log x at 10⁻⁸: log′ = 10⁸.
    let logEntry = try numericalJacobian(at: [1e-8]) { [Double.log($0[0])] }.entries[0][0]
    #expect(logEntry.method == .central)
    #expect(Swift.abs(logEntry.value - 1e8) <= 1e-6 * 1e8)
  }

  @Test func noFiniteDifferenceOnEitherSideIsUnavailable() throws {
    // Finite only at the point itself: every rule sees a NaN.
    let jacobian = try numericalJacobian(at: [0]) { $0[0] == 0 ? [0] : [.nan] }
    #expect(jacobian.entries[0][0].method == .unavailable)
    #expect(jacobian.entries[0][0].value.isNaN)
  }
}
