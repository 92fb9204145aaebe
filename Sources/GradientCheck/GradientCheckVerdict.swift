/// The outcome for one Jacobian entry (or, in a fast check, one direction pair).
public enum GradientCheckVerdict: String, Sendable, Codable {
  /// Every checked mode is within tolerance of GSL.
  case pass
  /// At least one mode is farther from GSL than the tolerance allows: a wrong derivative.
  case mismatch
  /// GSL's forward and backward differences disagree beyond their error estimates (a kink, as
  /// |x| at 0), and every mode lies between them: a valid one-sided derivative or subgradient.
  case kink
  /// A value is NaN or infinite on one side and not on the other (the derivative does not exist
  /// there, or GSL found no finite difference): not compared, so the check is inconclusive.
  case nonFinite = "non-finite"
  /// GSL's error estimate is too large to tell a right value from a wrong one of the same size
  /// (see ``GradientCheckTolerance/isUndecidable(numerical:abserr:automatic:value:)``): the check is inconclusive.
  case undecided
}

/// The outcome of a whole check.
public enum GradientCheckOverallVerdict: String, Sendable, Codable {
  /// Every entry passed (or is a kink with a valid one-sided value), and every identity and
  /// determinism check held.
  case passed
  /// An entry is a mismatch, an identity (adjoint, symmetry) is broken, the Taylor residuals
  /// fall with slope 1, or f is not deterministic.
  case failed
  /// Nothing failed, but some entry could not be compared (non-finite or undecided).
  case inconclusive
}
