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

  /// Σ|cₖ|·δₘᵢₙ for the rule's estimate Σ cₖ·f(x + δₖ): how much evaluation noise of size 1
  /// at each point can move it, per 1/δₘᵢₙ, the smallest offset it evaluates at.
  /// Central: (4/3)(f(x + h/2) − f(x − h/2)) − (1/6)(f(x + h) − f(x − h)), over h = 2δₘᵢₙ: 3/2.
  /// Forward: (22/3, −28, 38, −52/3) at x + h … x + h/4, over h = 4δₘᵢₙ: (272/3)/4 = 68/3.
  var noiseGain: Double {
    switch self {
    case .central: 3.0 / 2
    case .forward, .backward: 68.0 / 3
    case .unavailable: 0
    }
  }
}

/// One numerical partial derivative ∂fᵢ/∂xⱼ with GSL's estimate of its absolute error.
public struct NumericalPartial: Sendable, Equatable {
  /// The estimate of ∂fᵢ/∂xⱼ.
  public var value: Double
  /// The error estimate of `value`: GSL's `abserr` (round-off plus truncation) plus
  /// ``evaluationNoise``.
  public var abserr: Double
  /// The rule that produced it.
  public var method: NumericalMethod
  /// The final step h (before GSL's own refinement).
  public var step: Double
  /// The forward and backward differences, when they were asked for and both are finite.
  public var oneSided: OneSidedDerivatives?
  /// The part of `abserr` that comes from the round-off of f itself, gain·δᵢ/δₘᵢₙ with δᵢ the
  /// output's ``RunningErrorBound``: GSL estimates round-off from |f(x ± h)|, which is too small
  /// when f cancels (s − softplus(s) is 10⁻⁵ at s = 11, its round-off 10⁻¹⁴). 0 without a bound.
  public var evaluationNoise: Double

  public init(
    value: Double, abserr: Double, method: NumericalMethod, step: Double, oneSided: OneSidedDerivatives? = nil,
    evaluationNoise: Double = 0
  ) {
    self.value = value
    self.abserr = abserr
    self.method = method
    self.step = step
    self.oneSided = oneSided
    self.evaluationNoise = evaluationNoise
  }
}
