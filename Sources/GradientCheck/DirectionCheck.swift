/// One random direction pair (u, v) of a fast check: vᵀJu computed three ways.
///
/// Forward mode gives vᵀ(J·u) from one JVP, reverse mode (vᵀJ)·u from one VJP, and GSL the
/// derivative of the scalar function t ↦ vᵀf(x + t·u) at 0, with its error estimate. Each is
/// one or a few evaluations of f, whatever n is, and the n × n Jacobian is never built.
public struct DirectionCheck: Sendable, Equatable, Codable {
  /// vᵀ(J·u), or nil when forward mode was not checked.
  public var forward: Double?
  /// (vᵀJ)·u, or nil when reverse mode was not checked.
  public var reverse: Double?
  /// GSL's d/dt vᵀf(x + t·u) at t = 0.
  public var numerical: Double
  /// GSL's `abserr` for ``numerical``.
  public var abserr: Double
  /// max over the checked modes of |AD − GSL| (at a kink: the distance from the one-sided interval).
  public var absoluteError: Double
  /// The tolerance: c·abserr + atol + rtol·|GSL|, as for an entry.
  public var allowedError: Double
  /// The one-sided derivatives along u, at a kink.
  public var oneSided: OneSidedDerivatives?
  /// ⟨u, vᵀJ⟩ = ⟨J·u, v⟩, when both modes were checked.
  public var adjoint: AdjointCheck?
  /// As for an entry; a broken adjoint identity makes it a mismatch.
  public var verdict: GradientCheckVerdict
}
