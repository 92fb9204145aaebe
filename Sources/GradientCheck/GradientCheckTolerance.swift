/// When an automatic derivative agrees with GSL's numerical one.
///
/// An entry passes when
///
///     |AD − GSL| ≤ c·abserr + atol + rtol·|GSL|
///
/// where `abserr` is GSL's own error estimate for that entry (round-off plus truncation).
///
/// ## Why these defaults never fail falsely
/// GSL always differentiates in Double, so its error is described by `abserr`, which is an
/// estimate, not a bound: ``abserrFactor`` c = 10 gives it an order of magnitude of slack.
/// The remaining terms cover the error of the automatic derivative itself, which depends on
/// the arithmetic it ran in:
/// - ``double``: rtol = 10⁻⁶, atol = 10⁻⁹. A correct Double derivative is good to about
///   10⁻¹³ relative; a wrong rule (a sign, a factor 2, sin′ = −cos) is off by O(1).
///   Nine orders of magnitude separate the two.
/// - ``float``: rtol = atol = 10⁻³, about 8 000 Float ulps. A Float derivative built from
///   intermediates of size 10³ that cancel to O(1) (Rosenbrock's gradient) loses about
///   10³·ε_Float ≈ 10⁻⁴ absolutely; the tolerance sits ten times above that and still far
///   below the O(1) error of a wrong rule.
///
/// By default Float code is checked in Double (``GradientCheckArithmetic/double``): the same
/// generic code, so the same rules, without Float round-off; then ``double`` applies. PyTorch's
/// `gradcheck` differentiates Float numerically in Float, where a finite difference with step
/// 10⁻⁶ keeps about one significant digit: the source of its false failures.
public struct GradientCheckTolerance: Sendable, Equatable, Codable {
  /// c: how many of GSL's `abserr` an entry may be off.
  public var abserrFactor: Double
  /// atol: an absolute allowance, for entries whose true value is 0.
  public var absolute: Double
  /// rtol: an allowance relative to |GSL|.
  public var relative: Double
  /// How far f(x) may differ between evaluations at the same point (PyTorch's `nondet_tol`),
  /// absolutely, per output; 0 by default: a deterministic f returns the same bits each time.
  /// A function with a counter, a cache or a random draw fails the check.
  public var nondeterminism: Double

  public init(abserrFactor: Double = 10, absolute: Double, relative: Double, nondeterminism: Double = 0) {
    self.abserrFactor = abserrFactor
    self.absolute = absolute
    self.relative = relative
    self.nondeterminism = nondeterminism
  }

  /// For derivatives computed in Double: c = 10, atol = 10⁻⁹, rtol = 10⁻⁶.
  public static let double = GradientCheckTolerance(abserrFactor: 10, absolute: 1e-9, relative: 1e-6)

  /// For derivatives computed in Float: c = 10, atol = 10⁻³, rtol = 10⁻³.
  public static let float = GradientCheckTolerance(abserrFactor: 10, absolute: 1e-3, relative: 1e-3)

  /// ``double`` when `T` has at least Double's precision, ``float`` otherwise.
  public static func `default`<T: BinaryFloatingPoint>(for _: T.Type) -> GradientCheckTolerance {
    T.ulpOfOne <= T(Double.ulpOfOne) ? .double : .float
  }

  /// The largest |AD − GSL| this tolerance accepts for one entry: c·abserr + atol + rtol·|GSL|.
  public func allowedError(numerical: Double, abserr: Double) -> Double {
    abserrFactor * abserr + absolute + relative * Swift.abs(numerical)
  }

  /// True when GSL's estimate is too uncertain to decide: c·abserr exceeds the size of the
  /// derivative (|GSL| and |AD|, so a wrong value of the same size would pass too), atol, and
  /// 10⁻³·max(1, |fᵢ(x)|), a thousandth of the function's own size per unit step.
  /// A forward difference of about 40 ± 22 for a function of size 1 is undecidable; a zero
  /// entry whose estimate is 5·10⁻⁷ ± 10⁻⁶ (x^1.5 at 0) is not.
  public func isUndecidable(numerical: Double, abserr: Double, automatic: Double, value: Double) -> Bool {
    let spread = abserrFactor * abserr
    let floor = Swift.max(
      Swift.abs(numerical), Swift.abs(automatic), absolute, 1e-3 * Swift.max(1, Swift.abs(value)))
    return spread > floor
  }
}

/// The arithmetic the automatic derivatives of a generic function are computed in.
public enum GradientCheckArithmetic: String, Sendable, Codable {
  /// Promote the point to Double and differentiate in Double: checks the derivative code,
  /// free of Float round-off. The default.
  case double
  /// Differentiate in the point's own type (Float stays Float), with that type's tolerance.
  case native
}
