import DualAD

/// Audits a custom rule on its own, as ChainRulesTestUtils' `test_frule` and `test_rrule` do:
/// its JVP (forward mode, through ``Dual``) and its VJP (reverse mode, through the tape) against
/// GSL entry by entry, the adjoint identity ⟨u, vᵀJ⟩ = ⟨J·u, v⟩ between them, determinism and
/// the Taylor test, with the same report and abserr-based tolerance as
/// ``checkGradients(of:at:name:modes:arithmetic:tolerance:seed:directions:)``.
///
/// ```swift
/// let report = try checkRule(Hypot3(), at: [1, 2, 2])
/// #expect(report.passed, "\(report)")
/// ```
/// A rule that gives both products (``CustomDerivative/products(jvp:vjp:)``) is checked in each;
/// one whose JVP and VJP disagree breaks the adjoint identity even where GSL cannot tell.
///
/// - Throws: ``GradientCheckError`` when the check cannot run at x, and
///   ``GradientCheckError/differentiation(_:)`` with ``DifferentiationError/customRule(name:problem:)``
///   when the rule fails (a wrong length, a NaN partial, it threw).
public func checkRule<R: CustomRule>(
  _ rule: R, at x: [Double], tolerance: GradientCheckTolerance = .double, seed: UInt64 = 0x5EED
) throws(GradientCheckError) -> GradientCheckReport {
  try checkCatching(
    CustomRuleFunction(rule), at: x, name: "custom rule \(rule.name)", modes: .both, arithmetic: .double,
    tolerance: tolerance, seed: seed, directions: nil)
}

/// ``checkRule(_:at:tolerance:seed:)`` at `count` points drawn uniformly from `box` in every
/// coordinate (reproducibly, from `seed`): one report per point.
public func checkRule<R: CustomRule>(
  _ rule: R, pointsIn box: ClosedRange<Double>, count: Int = 8, tolerance: GradientCheckTolerance = .double,
  seed: UInt64 = 0x5EED
) throws(GradientCheckError) -> [GradientCheckReport] {
  var generator = SeededGenerator(seed: seed)
  var reports: [GradientCheckReport] = []
  for _ in 0..<count {
    let x = (0..<rule.inputCount).map { _ in Double.random(in: box, using: &generator) }
    reports.append(try checkRule(rule, at: x, tolerance: tolerance, seed: seed))
  }
  return reports
}

/// ``checkRule(_:at:tolerance:seed:)`` returning nil when the rule passes, or the failure with
/// its report: one line in a test, as ``gradientCheckFailure(of:at:name:modes:arithmetic:tolerance:seed:directions:)``.
/// ```swift
/// #expect(ruleCheckFailure(Hypot3(), at: [1, 2, 2]) == nil)
/// ```
public func ruleCheckFailure<R: CustomRule>(
  _ rule: R, at x: [Double], tolerance: GradientCheckTolerance = .double, seed: UInt64 = 0x5EED
) -> GradientCheckFailure? {
  failure(at: x) { () throws(GradientCheckError) in try checkRule(rule, at: x, tolerance: tolerance, seed: seed) }
}

/// Audits the second derivatives of a rule with one output, the `test_frule` of its Hessian: both
/// Hessian modes (which differentiate the rule's generic value and derivative again) against GSL
/// differences of its gradient, and symmetry, as ``checkHessian(of:at:name:modes:arithmetic:tolerance:)``.
///
/// - Throws: ``GradientCheckError/differentiation(_:)`` with
///   ``CustomRuleProblem/notTwiceDifferentiable(type:)`` for a first-order rule (``FirstOrderRule``),
///   and the errors of ``checkHessian(of:at:name:modes:arithmetic:tolerance:)``.
public func checkRuleHessian<R: CustomRule>(
  _ rule: R, at x: [Double], tolerance: GradientCheckTolerance = .double
) throws(GradientCheckError) -> GradientCheckReport {
  let errors = CaughtErrors()
  let report: GradientCheckReport
  do throws(GradientCheckError) {
    report = try checkHessian(
      of: Catching(function: CustomRuleFunction(rule), errors: errors), at: x, name: "custom rule \(rule.name)",
      tolerance: tolerance)
  } catch {
    if let error = errors.inDerivative { throw .differentiation(error) }
    throw error
  }
  if let error = errors.inDerivative { throw .differentiation(error) }
  return report
}
