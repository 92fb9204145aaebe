import DualAD

/// Checks a function that applies custom rules (a ``ThrowingADFunction``) against GSL, as
/// ``checkGradients(of:at:name:modes:arithmetic:tolerance:seed:directions:)`` checks an
/// ``ADFunction``; when the check fails, every custom rule the function applied is re-checked at
/// its own inputs, and the report names the first whose derivative is wrong
/// (``GradientCheckReport/customRules``).
///
/// - Throws: ``GradientCheckError/differentiation(_:)`` with the rule's
///   ``DifferentiationError/customRule(name:problem:)`` when a rule fails (wrong length, NaN,
///   it threw); otherwise as the ``ADFunction`` version.
public func checkGradients<F: ThrowingADFunction, V: ADScalar>(
  of f: F,
  at x: [V],
  name: String? = nil,
  modes: DifferentiationModes = .both,
  arithmetic: GradientCheckArithmetic = .double,
  tolerance: GradientCheckTolerance? = nil,
  seed: UInt64 = 0x5EED,
  directions: Int? = nil
) throws(GradientCheckError) -> GradientCheckReport {
  var report = try checkCatching(
    f, at: x, name: name ?? String(describing: F.self), modes: modes, arithmetic: arithmetic,
    tolerance: tolerance, seed: seed, directions: directions)
  if report.verdict == .failed {
    report.customRules = try localizeCustomRules(of: f, at: x.map { Double($0.primal) }, tolerance: tolerance ?? .double, seed: seed)
  }
  return report
}

/// ``checkGradients(of:at:name:modes:arithmetic:tolerance:seed:directions:)-(F,_,_,_,_,_,_,_)``
/// returning nil when it passes: one line in a property-based test, like
/// ``gradientCheckFailure(of:at:name:modes:arithmetic:tolerance:seed:directions:)``.
public func gradientCheckFailure<F: ThrowingADFunction, V: ADScalar>(
  of f: F,
  at x: [V],
  name: String? = nil,
  modes: DifferentiationModes = .both,
  arithmetic: GradientCheckArithmetic = .double,
  tolerance: GradientCheckTolerance? = nil,
  seed: UInt64 = 0x5EED,
  directions: Int? = nil
) -> GradientCheckFailure? {
  failure(at: x.map { Double($0.primal) }) { () throws(GradientCheckError) in
    try checkGradients(
      of: f, at: x, name: name, modes: modes, arithmetic: arithmetic, tolerance: tolerance, seed: seed,
      directions: directions)
  }
}

/// The ``ADFunction`` check run on a throwing function: each evaluation's error is kept and
/// the evaluation returns NaN; a rule's error in a derivative mode, or one at the point itself,
/// is thrown instead of the report. (An error at a point GSL probes near x is only a NaN there:
/// the edge of the rule's domain.)
func checkCatching<F: ThrowingADFunction, V: ADScalar>(
  _ f: F, at x: [V], name: String, modes: DifferentiationModes, arithmetic: GradientCheckArithmetic,
  tolerance: GradientCheckTolerance?, seed: UInt64, directions: Int?
) throws(GradientCheckError) -> GradientCheckReport {
  let errors = CaughtErrors()
  let adapted = Catching(function: f, errors: errors)
  let point = x.map { Double($0.primal) }
  do throws(GradientCheckError) {
    let report = try checkGradients(
      of: adapted, at: x, name: name, modes: modes, arithmetic: arithmetic, tolerance: tolerance, seed: seed,
      directions: directions)
    if let error = errors.inDerivative { throw .differentiation(error) }
    return report
  } catch {
    if let error = errors.inDerivative { throw .differentiation(error) }
    do { _ = try f(point) } catch let atPoint { throw .differentiation(atPoint) }
    throw error
  }
}

/// The first errors a throwing function raised during a check.
final class CaughtErrors {
  /// In a mode that differentiates (its values are not their own primals).
  var inDerivative: DifferentiationError?
}

/// A throwing function as an ``ADFunction``: an error becomes NaN outputs and is kept.
struct Catching<F: ThrowingADFunction>: ADFunction {
  let function: F
  let errors: CaughtErrors
  var expectedInputCount: Int? { function.expectedInputCount }

  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    do {
      return try function(x)
    } catch {
      if T.self != T.Primal.self, errors.inDerivative == nil { errors.inDerivative = error }
      return [T(T.Primal.nan)]
    }
  }
}
