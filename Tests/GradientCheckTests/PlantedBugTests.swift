import DualAD
import GradientCheck
import Testing

/// Derivatives that are wrong on purpose: the checker must catch each one, at the right entry.
struct PlantedBugTests {
  @Test func derivativeOfSinGivenAsMinusCosIsCaught() throws {
    let report = try checkGradients(
      name: "sin with sin′ = −cos", at: [0.7], value: { [Double.sin($0[0])] },
      jvp: { x, t in [-Double.cos(x[0]) * t[0]] })
    #expect(!report.passed)
    let entry = try #require(report.mismatches.first)
    // By hand: AD says −cos 0.7 = −0.764842187…, the truth is +0.764842187…, 2·cos 0.7 apart.
    #expect(Swift.abs(entry.numerical - 0.764_842_187_284_488_5) < 1e-9)
    #expect(Swift.abs(entry.absoluteError - 1.529_684_374_568_977) < 1e-9)
    #expect(entry.forward == -Double.cos(0.7))
  }

  @Test func signFlipInReverseModeIsCaughtWithTheAdjointIdentity() throws {
    // f(x₀, x₁) = x₀·x₁; the VJP flips the sign of ∂f/∂x₀, the JVP is right.
    let report = try checkGradients(
      name: "product with a sign flip", at: [2, 3], value: { [$0[0] * $0[1]] },
      jvp: { x, t in [x[1] * t[0] + x[0] * t[1]] },
      vjp: { x, v in [-x[1] * v[0], x[0] * v[0]] })
    #expect(!report.passed)
    #expect(report.mismatches.map(\.input) == [0])
    let entry = try #require(report.mismatches.first)
    #expect(entry.reverse == -3)
    #expect(entry.forward == 3)
    #expect(Swift.abs(entry.numerical - 3) < 1e-9)
    #expect(report.adjoint?.passed == false)
    #expect(Swift.abs(report.maxModeDifference - 6) < 1e-12)
  }

  @Test func missingFactorTwoIsCaught() throws {
    // d(x²)/dx written as x instead of 2x, at x = 3: AD 3, truth 6.
    let report = try checkGradients(
      name: "square without the 2", at: [3], value: { [$0[0] * $0[0]] },
      jvp: { x, t in [x[0] * t[0]] }, vjp: { x, v in [x[0] * v[0]] })
    #expect(!report.passed)
    let entry = try #require(report.worstEntry)
    #expect(entry.verdict == .mismatch)
    #expect(Swift.abs(entry.numerical - 6) < 1e-9)
    #expect(Swift.abs(entry.absoluteError - 3) < 1e-9)
    #expect(Swift.abs(entry.relativeError - 0.5) < 1e-9)
    // Both modes agree with each other, so the adjoint identity cannot see this bug: GSL does.
    #expect(report.adjoint?.passed == true)
  }

  @Test func correctHandWrittenDerivativesPass() throws {
    let report = try checkGradients(
      name: "sin", at: [0.7], value: { [Double.sin($0[0])] },
      jvp: { x, t in [Double.cos(x[0]) * t[0]] }, vjp: { x, v in [Double.cos(x[0]) * v[0]] })
    #expect(report.passed, "\(report)")
  }

  @Test func wrongJacobianInAMatrixFunctionIsLocated() throws {
    // f(x) = (x₀x₁, x₀ + x₁²); the hand-written Jacobian forgets the 2 in ∂f₁/∂x₁ = 2x₁.
    let jacobian = { (x: [Double]) -> [[Double]] in [[x[1], x[0]], [1, x[1]]] }
    let report = try checkGradients(
      name: "matrix", at: [1.5, -2], value: { [$0[0] * $0[1], $0[0] + $0[1] * $0[1]] },
      jvp: { x, t in jacobian(x).map { $0[0] * t[0] + $0[1] * t[1] } },
      vjp: { x, v in [jacobian(x)[0][0] * v[0] + jacobian(x)[1][0] * v[1], jacobian(x)[0][1] * v[0] + jacobian(x)[1][1] * v[1]] })
    #expect(report.mismatches.map { [$0.output, $0.input] } == [[1, 1]])
    #expect(Swift.abs((report.worstEntry?.numerical ?? 0) - -4) < 1e-9)
  }
}
