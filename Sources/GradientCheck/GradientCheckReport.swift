/// The outcome for one Jacobian entry.
public enum GradientCheckVerdict: String, Sendable, Codable {
  /// Every checked mode is within tolerance of GSL.
  case pass
  /// At least one mode is farther from GSL than the tolerance allows: a wrong derivative.
  case mismatch
  /// A value is NaN or infinite (the derivative does not exist there, or GSL found no finite
  /// difference); reported, not compared, and not counted as a mismatch.
  case nonFinite
}

/// One entry Jᵢⱼ = ∂fᵢ/∂xⱼ: each mode's value, GSL's estimate, and how far apart they are.
public struct GradientCheckEntry: Sendable, Equatable, Codable {
  /// i, the output.
  public var output: Int
  /// j, the input.
  public var input: Int
  /// Forward mode's Jᵢⱼ, or nil when forward mode was not checked.
  public var forward: Double?
  /// Reverse mode's Jᵢⱼ, or nil when reverse mode was not checked.
  public var reverse: Double?
  /// GSL's numerical Jᵢⱼ.
  public var numerical: Double
  /// GSL's error estimate for ``numerical``.
  public var abserr: Double
  /// The finite-difference rule GSL used.
  public var method: NumericalMethod
  /// max over the checked modes of |AD − GSL|.
  public var absoluteError: Double
  /// ``absoluteError`` / |GSL| (0 when both are 0).
  public var relativeError: Double
  /// The tolerance for this entry: c·abserr + atol + rtol·|GSL|.
  public var allowedError: Double
  public var verdict: GradientCheckVerdict

  /// ``absoluteError`` / ``allowedError``: above 1 is a mismatch.
  public var toleranceRatio: Double { absoluteError / allowedError }
}

/// The dot-product test that ties the modes together: ⟨u, vᵀJ⟩ = ⟨Ju, v⟩ for random u, v.
///
/// Forward mode gives Ju (one JVP), reverse mode gives vᵀJ (one VJP); both sides are uᵀJᵀv
/// written two ways, so they agree up to round-off, whatever J is, when both modes differentiate
/// the same function. A wrong transpose or a rule that differs between modes breaks it.
public struct AdjointCheck: Sendable, Equatable, Codable {
  /// ⟨u, vjp(v)⟩.
  public var reverseSide: Double
  /// ⟨jvp(u), v⟩.
  public var forwardSide: Double
  /// |reverseSide − forwardSide|.
  public var difference: Double
  /// The allowance: 10³·ε·(m + n)·(Σ|uⱼ·(vᵀJ)ⱼ| + Σ|(Ju)ᵢ·vᵢ|), ε the unit round-off of the arithmetic.
  public var allowed: Double
  public var passed: Bool
}

/// The result of a gradient check: every Jacobian entry in every checked mode against GSL.
///
/// A second-order check (``checkHessian(of:at:name:modes:arithmetic:tolerance:)``) fills the same
/// report with ``order`` 2: its entries are the Hessian seen as the Jacobian of the gradient
/// (entry (i, j) is ∂(∇f)ᵢ/∂xⱼ), ``GradientCheckEntry/forward`` holds forward-over-forward,
/// ``GradientCheckEntry/reverse`` forward-over-reverse, and ``symmetry`` replaces ``adjoint``.
///
/// Use it in a test so that a failure prints the table:
/// ```swift
/// let report = try checkGradients(of: Softmax(), at: [1.0, 2.0, 3.0])
/// #expect(report.passed, "\(report)")
/// ```
public struct GradientCheckReport: Sendable, Equatable, Codable {
  /// What was checked, for the report's title.
  public var name: String
  /// The point x.
  public var point: [Double]
  /// f(x).
  public var value: [Double]
  /// The modes compared against GSL.
  public var modes: DifferentiationModes
  /// The element type the derivatives were computed in ("Double", "Float").
  public var arithmetic: String
  public var tolerance: GradientCheckTolerance
  /// One entry per (output, input), row-major.
  public var entries: [GradientCheckEntry]
  /// The dot-product test, when both modes were checked.
  public var adjoint: AdjointCheck?
  /// 1 for a Jacobian check, 2 for a Hessian check.
  public var order: Int = 1
  /// Hᵢⱼ = Hⱼᵢ for Hessian-vector products, in a Hessian check.
  public var symmetry: SymmetryCheck?

  /// The number of outputs m.
  public var outputCount: Int { value.count }
  /// The number of inputs n.
  public var inputCount: Int { point.count }

  /// True when no entry is a mismatch and the adjoint identity and symmetry (if checked) hold.
  /// Non-finite entries are reported but do not fail the check.
  public var passed: Bool { mismatches.isEmpty && (adjoint?.passed ?? true) && (symmetry?.passed ?? true) }

  /// The entries that disagree with GSL.
  public var mismatches: [GradientCheckEntry] { entries.filter { $0.verdict == .mismatch } }

  /// The entries where a value is NaN or infinite.
  public var nonFiniteEntries: [GradientCheckEntry] { entries.filter { $0.verdict == .nonFinite } }

  /// The compared entry closest to (or farthest beyond) its tolerance; nil if none was comparable.
  public var worstEntry: GradientCheckEntry? {
    entries.filter { $0.verdict != .nonFinite }.max { $0.toleranceRatio < $1.toleranceRatio }
  }

  /// max |forward − reverse| over the finite entries (0 when one mode was checked).
  public var maxModeDifference: Double {
    entries.reduce(0) { worst, e in
      guard let f = e.forward, let r = e.reverse, f.isFinite, r.isFinite else { return worst }
      return Swift.max(worst, Swift.abs(f - r))
    }
  }

  /// max |AD − GSL| over the compared entries.
  public var maxAbsoluteError: Double {
    entries.filter { $0.verdict != .nonFinite }.map(\.absoluteError).max() ?? 0
  }
}
