import DualAD

/// Why a gradient check did not pass: wrong derivatives (with the full report), or a point
/// where the check could not be carried out.
///
/// Returned by ``gradientCheckFailure(of:at:name:modes:arithmetic:tolerance:seed:directions:)``; its
/// description is the report's table, so a failed `#expect` shows every entry.
public enum GradientCheckFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// The report's verdict is failed (an entry disagrees with GSL, an identity is broken, f is
  /// not deterministic) or inconclusive (an entry could not be compared).
  case mismatch(GradientCheckReport)
  /// The check could not run at this point (see ``GradientCheckError``).
  case uncheckable(GradientCheckError, point: [Double])

  public var description: String {
    switch self {
    case .mismatch(let report):
      return "\(report)"
    case .uncheckable(let error, let point):
      return "gradient check could not run at \(point): \(error)"
    }
  }
}

/// Checks a generic function against GSL at one point and returns nil when it passes, or the
/// failure with its report: one line in a property-based test.
///
/// It fits `propertyCheck` from swift-property-based, which calls its body at many generated
/// points and shrinks a failing one. Errors thrown inside that body are not reported by
/// `propertyCheck`, so this function returns the failure instead of throwing it, and the
/// test records it with `#expect`:
/// ```swift
/// import DualAD
/// import GradientCheck
/// import PropertyBased
/// import Testing
///
/// struct SmoothMax: ADFunction {
///   func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
///     [T.log(x.map { T.exp($0) }.reduce(0, +))]
///   }
/// }
///
/// @Test func smoothMaxGradient() async {
///   await propertyCheck(input: Gen.double(in: -5...5).array(of: 1...6)) { x in
///     #expect(gradientCheckFailure(of: SmoothMax(), at: x) == nil)
///   }
/// }
/// ```
/// A failure prints the point and the report: each Jacobian entry in forward and reverse mode
/// against GSL, the worst entry, and the adjoint identity ⟨u, vᵀJ⟩ = ⟨Ju, v⟩.
///
/// The parameters are those of ``checkGradients(of:at:name:modes:arithmetic:tolerance:seed:directions:)``,
/// fast mode and the nondeterminism tolerance included.
/// A point where the check cannot run (f not finite there, a NaN coordinate) is a failure too:
/// generate points inside the function's domain.
public func gradientCheckFailure<F: ADFunction, V: ADScalar>(
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

/// nil when the check passes; its report, or why it could not run at `point`, otherwise.
func failure(
  at point: [Double], _ check: () throws(GradientCheckError) -> GradientCheckReport
) -> GradientCheckFailure? {
  do {
    let report = try check()
    return report.passed ? nil : .mismatch(report)
  } catch {
    return .uncheckable(error, point: point)
  }
}
