import DualAD
import Foundation
import GradientCheck
import Testing

/// r = √(x₀² + x₁² + x₂²), ∂r/∂xⱼ = xⱼ/r.
private struct Hypot3: CustomRule {
  var inputCount: Int { 3 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [T.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> { .partials([x.map { $0 / y[0] }]) }
}

/// σ(z) with the partial σ(1 + σ) where σ(1 − σ) is right when `planted`.
private struct Logistic: CustomRule {
  var planted = false
  var name: String { planted ? "wrongLogistic" : "logistic" }
  var inputCount: Int { 1 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [1 / (1 + T.exp(-x[0]))] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> {
    .partials([[planted ? y[0] * (1 + y[0]) : y[0] * (1 - y[0])]])
  }
}

/// (x, y) ↦ x·y with both products; the VJP forgets y when `planted`.
private struct Product: CustomRule {
  var planted = false
  var inputCount: Int { 2 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1]] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> {
    .products(
      jvp: { t in [x[1] * t[0] + x[0] * t[1]] },
      vjp: { v in [(planted ? 1 : x[1]) * v[0], x[0] * v[0]] })
  }
}

/// Three rules and built-in operations; the third rule is wrong when `planted`.
private struct Composed: ThrowingADFunction {
  var planted: Bool
  func callAsFunction<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> [T] {
    let r = try Hypot3()(x[0], x[1], x[2])
    let p = try Product()(r, x[1])
    let s = try Logistic(planted: planted)(T.sin(p) * 0.5 + x[2])
    return [s * r, T.log(1 + s) - x[0]]
  }
}

@Suite("Custom rules audited on their own and localized inside a composition")
struct CustomRuleCheckTests {
  @Test("A correct rule passes its audit: JVP, VJP, adjoint identity, Taylor test")
  func correctRulePasses() throws {
    let report = try checkRule(Hypot3(), at: [1, 2, 2])
    #expect(report.passed, "\(report)")
    #expect(report.entries.count == 3)
    // GSL against the closed form ∂r/∂xⱼ = xⱼ/3.
    #expect(report.entries.map { ($0.numerical * 3 * 1e6).rounded() / 1e6 } == [1, 2, 2])
    #expect(report.adjoint?.passed == true)
    #expect(ruleCheckFailure(Product(), at: [3, -2]) == nil)
    let generated = try checkRule(Logistic(), pointsIn: -3...3, count: 5)
    #expect(generated.count == 5)
    let passed = generated.filter(\.passed).count
    let distinct = Set(generated.map(\.point)).count
    #expect(passed == 5)
    #expect(distinct == 5)
  }

  @Test("A wrong partial is a mismatch in both modes, with the right value from GSL")
  func wrongPartialIsCaught() throws {
    let report = try checkRule(Logistic(planted: true), at: [0])
    #expect(report.verdict == .failed)
    let entry = try #require(report.entries.first)
    // σ(0) = ½: σ(1 − σ) = 0.25 is right, the planted σ(1 + σ) = 0.75.
    #expect(Swift.abs(entry.numerical - 0.25) < 1e-8)
    #expect(entry.forward == 0.75)
    #expect(entry.reverse == 0.75)
    #expect(entry.verdict == .mismatch)
    #expect(ruleCheckFailure(Logistic(planted: true), at: [0]) != nil)
  }

  @Test("A VJP that disagrees with its JVP breaks the adjoint identity and the reverse entry")
  func inconsistentProducts() throws {
    let report = try checkRule(Product(planted: true), at: [3, -2])
    #expect(report.verdict == .failed)
    #expect(report.adjoint?.passed == false)
    #expect(report.entries[0].forward == -2)
    #expect(report.entries[0].reverse == 1)
    #expect(report.failures.contains("adjoint identity broken"))
  }

  @Test("A wrong rule planted deep inside a composed function is named, with its inputs and partials")
  func localization() throws {
    let x: [Double] = [1, 2, 2]
    let report = try checkGradients(of: Composed(planted: true), at: x)
    #expect(report.verdict == .failed)
    let localization = try #require(report.customRules)
    let culprit = try #require(localization.culprit)
    #expect(culprit.name == "wrongLogistic")
    // Its input, by hand: r = 3, p = r·x₁ = 6, z = sin(6)/2 + x₂.
    let z = Foundation.sin(6.0) / 2 + 2
    #expect(culprit.inputs.count == 1)
    #expect(Swift.abs(culprit.inputs[0] - z) < 1e-15)
    let sigma = 1 / (1 + Foundation.exp(-z))
    #expect(Swift.abs(culprit.expected[0][0] - sigma * (1 - sigma)) < 1e-8)
    #expect(Swift.abs(culprit.actual[0][0] - sigma * (1 + sigma)) < 1e-15)
    // Hypot3 and Product were re-checked first and passed.
    #expect(localization.checked == 3)
    let text = "\(report)"
    #expect(text.contains("the first wrong one is wrongLogistic"))
    #expect(text.contains("built-in rules are covered by the verification catalogue"))
  }

  @Test("The same composition with correct rules passes, and nothing is localized")
  func correctComposition() throws {
    let report = try checkGradients(of: Composed(planted: false), at: [1.0, 2, 2])
    #expect(report.passed, "\(report)")
    #expect(report.customRules == nil)
    #expect(gradientCheckFailure(of: Composed(planted: false), at: [0.5, -1.0, 1.5]) == nil)
  }

  @Test("A rule that fails (wrong length) makes the check throw its named error")
  func failingRuleThrows() {
    let short = FirstOrderRule(name: "short", inputs: 2, value: { x in [x[0] * x[1]] }, partials: { x, _ in [[x[1]]] })
    let expected = GradientCheckError.differentiation(
      .customRule(name: "short", problem: .wrongLength(what: "partials row 0", expected: 2, got: 1)))
    #expect(throws: expected) { try checkRule(short, at: [1, 2]) }
  }

  @Test("Second order: a generic rule's Hessian passes; a first-order rule throws, naming it")
  func ruleHessian() throws {
    let report = try checkRuleHessian(Hypot3(), at: [1, 2, 2])
    #expect(report.passed, "\(report)")
    // H₀₁ = −x₀x₁/r³ = −2/27, from GSL's differences of the gradient.
    let entry = try #require(report.entries.first { $0.output == 0 && $0.input == 1 })
    #expect(Swift.abs(entry.numerical - (-2.0 / 27)) < 1e-7)
    let firstOrder = FirstOrderRule(name: "square", inputs: 1, value: { x in [x[0] * x[0]] }, partials: { x, _ in [[2 * x[0]]] })
    #expect(throws: GradientCheckError.differentiation(.customRule(name: "square", problem: .notTwiceDifferentiable(type: "Dual<Double>")))) {
      try checkRuleHessian(firstOrder, at: [1.5])
    }
  }
}
