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

  /// A kink: the sides differ beyond both of their error estimates, |f′(x⁺) − f′(x⁻)| > ``allowedGap(_:)``.
  /// At a smooth point both estimate the same f′(x), so the gap stays within the estimates.
  public func isKink(_ tolerance: GradientCheckTolerance) -> Bool {
    Swift.abs(right - left) > allowedGap(tolerance)
  }

  /// How far `value` lies outside [min(f′(x⁻), f′(x⁺)), max(…)]: 0 for a valid one-sided
  /// derivative or subgradient.
  public func distance(from value: Double) -> Double {
    let low = Swift.min(left, right), high = Swift.max(left, right)
    return value < low ? low - value : value > high ? value - high : 0
  }
}
