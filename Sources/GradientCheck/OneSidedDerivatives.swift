/// GSL's forward and backward differences at a point, each with its error estimate: the two
/// one-sided derivatives f′(x⁻) and f′(x⁺), which differ at a kink (|x| at 0: −1 and +1).
public struct OneSidedDerivatives: Sendable, Equatable, Codable {
  /// f′(x⁻) by `gsl_deriv_backward`.
  public var left: Double
  /// GSL's `abserr` for ``left``.
  public var leftAbserr: Double
  /// f′(x⁺) by `gsl_deriv_forward`.
  public var right: Double
  /// GSL's `abserr` for ``right``.
  public var rightAbserr: Double

  public init(left: Double, leftAbserr: Double, right: Double, rightAbserr: Double) {
    self.left = left
    self.leftAbserr = leftAbserr
    self.right = right
    self.rightAbserr = rightAbserr
  }

  /// The larger one-sided derivative's distance the tolerance allows between the two sides:
  /// c·(abserr⁻ + abserr⁺) + atol + rtol·max(|f′(x⁻)|, |f′(x⁺)|).
  public func allowedGap(_ tolerance: GradientCheckTolerance) -> Double {
    tolerance.allowedError(numerical: Swift.max(Swift.abs(left), Swift.abs(right)), abserr: leftAbserr + rightAbserr)
  }

  /// A kink: the sides differ beyond both of their error estimates, |f′(x⁺) − f′(x⁻)| > ``allowedGap(_:)``,
  /// and by more than ``minimumRelativeJump`` of the larger side. At a smooth point both
  /// estimate the same f′(x), so the gap stays within the estimates, except where f is computed
  /// through intermediates much larger than its value (lgamma(cosh(t)) near 1, where GSL's
  /// round-off estimate, relative to |f|, is too small): there the sides differ by round-off of
  /// order 10⁻⁵ of the slope, which the relative floor keeps from being called a kink.
  public func isKink(_ tolerance: GradientCheckTolerance) -> Bool {
    let gap = Swift.abs(right - left)
    return gap > allowedGap(tolerance) && gap > Self.minimumRelativeJump * Swift.max(Swift.abs(left), Swift.abs(right))
  }

  /// The smallest jump, relative to the larger one-sided derivative, that counts as a kink: 10⁻³.
  /// |x| at 0 jumps by 2 (relative 2), relu by 1; a smooth point computed with cancellation
  /// shows relative gaps of about 10⁻⁵.
  public static let minimumRelativeJump = 1e-3

  /// How far `value` lies outside [min(f′(x⁻), f′(x⁺)), max(…)]: 0 for a valid one-sided
  /// derivative or subgradient.
  public func distance(from value: Double) -> Double {
    let low = Swift.min(left, right), high = Swift.max(left, right)
    return value < low ? low - value : value > high ? value - high : 0
  }
}
