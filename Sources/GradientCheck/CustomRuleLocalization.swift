import DualAD

/// Which custom rule is at fault in a failed check: each custom rule the function applied is
/// re-checked at its own recorded inputs against GSL (``checkRule(_:at:tolerance:seed:)``), and
/// the first that fails is named. Built-in rules are not re-checked here: the verification
/// catalogue checks every one of them.
public struct CustomRuleLocalization: Sendable, Equatable, Codable {
  /// The applications of custom rules re-checked, in the order the function applied them.
  public var checked: Int
  /// The first rule whose derivative disagrees with GSL; nil when every one agrees.
  public var culprit: Culprit?

  /// A custom rule whose local derivative is wrong, where the function used it.
  public struct Culprit: Sendable, Equatable, Codable {
    /// The rule's ``CustomRule/name``.
    public var name: String
    /// The inputs the function called it with.
    public var inputs: [Double]
    /// GSL's ∂yᵢ/∂xⱼ at those inputs, one row per output.
    public var expected: [[Double]]
    /// The rule's ∂yᵢ/∂xⱼ (its JVP's, where it has one, else its VJP's), one row per output.
    public var actual: [[Double]]
    /// The rule's check: every entry, forward and reverse, against GSL.
    public var entries: [GradientCheckEntry]
    /// Why its check failed (``GradientCheckReport/failures``).
    public var failures: [String]
  }

  /// One line for a report.
  public var summary: String {
    let scope = "built-in rules are covered by the verification catalogue"
    guard let c = culprit else {
      return "custom rules: \(checked) applications re-checked at their own inputs against GSL, all agree; the fault is not in a custom rule (\(scope))"
    }
    let format = { (m: [[Double]]) in "[" + m.map { "[" + $0.map(GradientCheckReport.value).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }
    return "custom rules: \(checked) applications re-checked at their own inputs against GSL; the first wrong one is \(c.name) at \(GradientCheckError.describe(c.inputs)): partials \(format(c.actual)), GSL \(format(c.expected)) (\(c.failures.joined(separator: ", "))); \(scope)"
  }
}

/// Evaluates f at the point in Double, recording the custom rules it applies, and re-checks each
/// at its recorded inputs. Applications with the same rule name and inputs are checked once.
func localizeCustomRules<F: ThrowingADFunction>(
  of f: F, at point: [Double], tolerance: GradientCheckTolerance, seed: UInt64
) throws(GradientCheckError) -> CustomRuleLocalization {
  let (_, applications) = CustomRuleRecorder.recording { _ = try? f(point) }
  var seen = Set<String>()
  var checked = 0
  for application in applications where seen.insert("\(application.rule.name) \(application.inputs)").inserted {
    checked += 1
    guard let culprit = try audit(application.rule, at: application.inputs, tolerance: tolerance, seed: seed) else { continue }
    return CustomRuleLocalization(checked: checked, culprit: culprit)
  }
  return CustomRuleLocalization(checked: checked, culprit: nil)
}

/// The rule's check at x as a culprit when it fails; nil when it passes. A rule that cannot be
/// checked there (not finite at x, it throws) is named too.
private func audit<R: CustomRule>(
  _ rule: R, at x: [Double], tolerance: GradientCheckTolerance, seed: UInt64
) throws(GradientCheckError) -> CustomRuleLocalization.Culprit? {
  let report: GradientCheckReport
  do {
    report = try checkRule(rule, at: x, tolerance: tolerance, seed: seed)
  } catch {
    return CustomRuleLocalization.Culprit(
      name: rule.name, inputs: x, expected: [], actual: [], entries: [], failures: ["\(error)"])
  }
  guard report.verdict == .failed else { return nil }
  let matrix = { (value: (GradientCheckEntry) -> Double) in
    (0..<report.outputCount).map { i in
      report.entries.filter { $0.output == i }.sorted { $0.input < $1.input }.map(value)
    }
  }
  return CustomRuleLocalization.Culprit(
    name: rule.name, inputs: x, expected: matrix(\.numerical), actual: matrix { $0.forward ?? $0.reverse ?? .nan },
    entries: report.entries, failures: report.failures)
}
