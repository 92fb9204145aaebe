import DualAD
import Foundation
import GradientCheck
import SwiftADAudit

// The custom-rules section: users' derivatives audited against GSL on their own, a wrong rule
// caught inside a composition and named, and Swift's registered derivatives audited the same way.

/// r = √(x₀² + x₁² + x₂²) with ∂r/∂xⱼ = xⱼ/r, generic (differentiable again).
struct Hypot3Rule: CustomRule {
  var name: String { "hypot3" }
  var inputCount: Int { 3 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [T.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> { .partials([x.map { $0 / y[0] }]) }
}

/// (x, y) ↦ (x·y, x/y) with both products, as ChainRules' frule and rrule.
struct ProductQuotientRule: CustomRule {
  var name: String { "productQuotient" }
  var inputCount: Int { 2 }
  var outputCount: Int { 2 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1], x[0] / x[1]] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> {
    .products(
      jvp: { t in [x[1] * t[0] + x[0] * t[1], t[0] / x[1] - y[1] / x[1] * t[1]] },
      vjp: { v in [x[1] * v[0] + v[1] / x[1], x[0] * v[0] - y[1] / x[1] * v[1]] })
  }
}

/// σ(z) in Double with its JVP; the planted version's partial is σ(1 + σ) instead of σ(1 − σ).
func logisticRule(planted: Bool) -> FirstOrderRule {
  FirstOrderRule(
    name: planted ? "wrongLogistic" : "logistic", inputs: 1, value: { x in [1 / (1 + Foundation.exp(-x[0]))] },
    jvp: { _, y, t in [(planted ? y[0] * (1 + y[0]) : y[0] * (1 - y[0])) * t[0]] })
}

/// Rules and built-in operations, with the (optionally wrong) logistic rule three levels deep.
struct ComposedWithRules: ThrowingADFunction {
  var planted: Bool
  func callAsFunction<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> [T] {
    let r = try Hypot3Rule()(x[0], x[1], x[2])
    let pq = try ProductQuotientRule()([r, x[1]])
    let s = try logisticRule(planted: planted)(T.sin(pq[0]) * 0.5 + pq[1])
    return [s * r, T.log(1 + s) - x[0]]
  }
}

/// One row of the section.
struct CustomRuleRow: Codable {
  let name: String
  let kind: String
  /// A demonstration of a deliberately wrong derivative: it must be caught, and is not counted
  /// as a pass.
  let demonstration: Bool
  let verdict: String
  /// For a demonstration, what the check said (the rule it named); empty otherwise.
  let detail: String
  /// A correct rule passed, or a demonstration's wrong derivative was caught (and localized).
  let passed: Bool
}

func customRuleRows() throws(VerificationFailure) -> [CustomRuleRow] {
  var rows: [CustomRuleRow] = []
  let audits: [(String, GradientCheckReport)]
  do {
    audits = [
      ("hypot3 (partials, generic) at (1, 2, 2)", try checkRule(Hypot3Rule(), at: [1, 2, 2])),
      ("productQuotient (JVP and VJP) at (3, −2)", try checkRule(ProductQuotientRule(), at: [3, -2])),
      ("logistic (JVP, Double only) at 0.3", try checkRule(logisticRule(planted: false), at: [0.3])),
      ("composition of the three at (1, 2, 2)", try checkGradients(of: ComposedWithRules(planted: false), at: [1.0, 2, 2])),
    ]
  } catch {
    throw .check(name: "custom rules", error)
  }
  for (name, report) in audits {
    rows.append(
      CustomRuleRow(
        name: name, kind: "custom rule", demonstration: false, verdict: report.verdict.rawValue, detail: "",
        passed: report.passed))
  }
  do {
    let planted = try checkGradients(of: ComposedWithRules(planted: true), at: [1.0, 2, 2])
    let culprit = planted.customRules?.culprit
    rows.append(
      CustomRuleRow(
        name: "composition with wrongLogistic planted at (1, 2, 2)", kind: "custom rule", demonstration: true,
        verdict: planted.verdict.rawValue,
        detail: culprit.map { "named \($0.name) at \(vector($0.inputs)): partial \(vector($0.actual.flatMap { $0 })), GSL \(vector($0.expected.flatMap { $0 }))" } ?? "no rule named",
        passed: planted.verdict == .failed && culprit?.name == "wrongLogistic"))
    for d in try swiftDerivativeDemonstrations() {
      let caught = !d.report.passed
      rows.append(
        CustomRuleRow(
          name: d.name, kind: "Swift @derivative", demonstration: !d.registeredDerivativeIsCorrect,
          verdict: d.report.verdict.rawValue,
          detail: d.registeredDerivativeIsCorrect ? "" : "reverse \(vector(d.report.entries.compactMap(\.reverse))), GSL \(vector(d.report.entries.map(\.numerical)))",
          passed: d.registeredDerivativeIsCorrect ? d.report.passed : caught))
    }
  } catch {
    throw .check(name: "custom rules", error)
  }
  return rows
}

/// The section's lines.
func printCustomRuleRows(_ rows: [CustomRuleRow], style: Style) {
  print(style.bold("Custom rules and Swift's registered derivatives, audited against GSL (JVP, VJP, adjoint identity)"))
  print(style.dim("Demonstrations carry a deliberately wrong derivative: the check must catch it (and name the rule); they are not counted as passes."))
  print()
  let width = rows.map(\.name.count).max() ?? 8
  print(style.bold(column("function", width, left: true) + column("kind", 19) + column("verdict", 10) + "  result"))
  for row in rows {
    let result = row.demonstration
      ? (row.passed ? style.green("CAUGHT") : style.red("MISSED")) + style.dim(" (demonstration) ") + row.detail
      : (row.passed ? style.green("PASS") : style.red("FAIL"))
    print(column(row.name, width, left: true) + column(row.kind, 19) + column(row.verdict, 10) + "  " + result)
  }
  print()
}
