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
  /// GSL's backward and forward differences, f′(x⁻) and f′(x⁺), where they disagree (a kink;
  /// nil elsewhere). There ``absoluteError`` is the distance of AD from the interval between them.
  public var oneSided: OneSidedDerivatives? = nil

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
  /// f evaluated three times at the point (the gradient too, in a Hessian check).
  public var determinism: DeterminismCheck?
  /// The Taylor residuals of J·u along a random u: the referee independent of GSL's step.
  public var taylor: TaylorTest?
  /// The direction pairs of a fast check (``checkGradients(of:at:name:modes:arithmetic:tolerance:seed:directions:)``
  /// with `directions`); nil in a full check. There ``entries`` holds only the entries that
  /// bisection located as wrong.
  public var directions: [DirectionCheck]?
  /// In a failed check of a function that applies custom rules: the first rule whose own
  /// derivative is wrong, re-checked at its recorded inputs (``CustomRuleLocalization``).
  public var customRules: CustomRuleLocalization?

  /// The number of outputs m.
  public var outputCount: Int { value.count }
  /// The number of inputs n.
  public var inputCount: Int { point.count }

  /// ``GradientCheckOverallVerdict/failed`` when ``failures`` is not empty;
  /// ``GradientCheckOverallVerdict/inconclusive`` when an entry or direction is non-finite or
  /// undecided; ``GradientCheckOverallVerdict/passed`` otherwise.
  public var verdict: GradientCheckOverallVerdict {
    if !failures.isEmpty { return .failed }
    let verdicts = entries.map(\.verdict) + (directions ?? []).map(\.verdict)
    return verdicts.contains { $0 == .nonFinite || $0 == .undecided } ? .inconclusive : .passed
  }

  /// True only when ``verdict`` is ``GradientCheckOverallVerdict/passed``: never while an entry
  /// could not be compared.
  public var passed: Bool { verdict == .passed }

  /// Why the check failed, one phrase per reason; empty when it did not.
  ///
  /// The Taylor test counts only where ``taylorCounts``.
  public var failures: [String] {
    var reasons: [String] = []
    if !mismatches.isEmpty { reasons.append("\(mismatches.count) of \(entries.count) entries mismatch") }
    if let wrong = directions?.filter({ $0.verdict == .mismatch }), !wrong.isEmpty {
      reasons.append("\(wrong.count) of \(directions?.count ?? 0) directions mismatch")
    }
    if let adjoint, !adjoint.passed { reasons.append("adjoint identity broken") }
    if let symmetry, !symmetry.passed { reasons.append("not symmetric") }
    if let determinism, !determinism.passed { reasons.append("f is not deterministic") }
    if let taylor, !taylor.passed, taylorCounts {
      reasons.append("Taylor residuals fall with slope \(Self.number(taylor.slope ?? .nan))")
    }
    return reasons
  }

  /// Whether the Taylor test decides anything: only where f is smooth (no kink, no non-finite
  /// entry or direction), since at a kink the residual falls like h whatever AD says.
  public var taylorCounts: Bool {
    !(entries.map(\.verdict) + (directions ?? []).map(\.verdict)).contains { $0 == .kink || $0 == .nonFinite }
  }

  /// The entries that disagree with GSL.
  public var mismatches: [GradientCheckEntry] { entries.filter { $0.verdict == .mismatch } }

  /// The entries where a value is NaN or infinite.
  public var nonFiniteEntries: [GradientCheckEntry] { entries.filter { $0.verdict == .nonFinite } }

  /// The entries at a kink (GSL's one-sided differences disagree) where AD lies between the sides.
  public var kinks: [GradientCheckEntry] { entries.filter { $0.verdict == .kink } }

  /// The entries whose GSL estimate was too uncertain to decide.
  public var undecidedEntries: [GradientCheckEntry] { entries.filter { $0.verdict == .undecided } }

  /// The compared entry closest to (or farthest beyond) its tolerance; nil if none was comparable.
  public var worstEntry: GradientCheckEntry? {
    entries.filter { $0.absoluteError.isFinite }.max { $0.toleranceRatio < $1.toleranceRatio }
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
    entries.map(\.absoluteError).filter(\.isFinite).max() ?? 0
  }
}
