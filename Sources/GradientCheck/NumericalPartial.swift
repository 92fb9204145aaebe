/// Which GSL finite-difference rule produced a numerical partial derivative.
public enum NumericalMethod: String, Sendable, Codable {
  /// `gsl_deriv_central`: the 5-point rule at x ± h, x ± h/2.
  case central
  /// `gsl_deriv_forward`: the 4-point rule at x + h/4 … x + h, used when f is not finite left of x.
  case forward
  /// `gsl_deriv_backward`: the forward rule mirrored, used when f is not finite right of x.
  case backward
  /// No rule gave a finite result: the function is not finite on either side at every step tried.
  case unavailable
}

/// One numerical partial derivative ∂fᵢ/∂xⱼ with GSL's estimate of its absolute error.
public struct NumericalPartial: Sendable, Equatable {
  /// The estimate of ∂fᵢ/∂xⱼ.
  public var value: Double
  /// GSL's `abserr`: round-off plus truncation error of `value`.
  public var abserr: Double
  /// The rule that produced it.
  public var method: NumericalMethod
  /// The final step h (before GSL's own refinement).
  public var step: Double
  /// The forward and backward differences, when they were asked for and both are finite.
  public var oneSided: OneSidedDerivatives?

  public init(value: Double, abserr: Double, method: NumericalMethod, step: Double, oneSided: OneSidedDerivatives? = nil) {
    self.value = value
    self.abserr = abserr
    self.method = method
    self.step = step
    self.oneSided = oneSided
  }
}
