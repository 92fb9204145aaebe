import Foundation

extension GradientCheckReport: CustomStringConvertible {
  /// A title line, an aligned table of entries, the worst entry and the adjoint identity (or,
  /// for a Hessian, the symmetry).
  ///
  /// Up to 64 entries are listed; a larger Jacobian lists only the entries that did not pass.
  public var description: String {
    var lines: [String] = []
    let verdict = passed ? "PASSED" : "FAILED"
    var summary = "\(mismatches.count) of \(entries.count) entries mismatch"
    if !nonFiniteEntries.isEmpty { summary += ", \(nonFiniteEntries.count) non-finite" }
    if let adjoint, !adjoint.passed { summary += ", adjoint identity broken" }
    if let symmetry, !symmetry.passed { summary += ", not symmetric" }
    let secondOrder = order == 2
    let (forwardTitle, reverseTitle) = secondOrder ? ("fwd∘fwd", "fwd∘rev") : ("forward", "reverse")
    if secondOrder {
      let modeNames = [modes.contains(.forward) ? "forward-over-forward" : nil, modes.contains(.reverse) ? "forward-over-reverse" : nil]
      lines.append(
        "hessian check \(name): \(verdict) (\(inputCount)×\(inputCount) Hessian against GSL differences of the gradient, \(arithmetic), \(modeNames.compactMap { $0 }.joined(separator: "+")); \(summary))"
      )
    } else {
      lines.append(
        "gradient check \(name): \(verdict) (\(outputCount) outputs × \(inputCount) inputs, \(arithmetic), \(modes.names); \(summary))"
      )
    }
    lines.append(
      "tolerance: |AD − GSL| ≤ \(Self.number(tolerance.abserrFactor))·abserr + \(Self.number(tolerance.absolute)) + \(Self.number(tolerance.relative))·|GSL|"
    )
    let shown = entries.count <= 64 ? entries : entries.filter { $0.verdict != .pass }
    lines.append(
      [Self.pad(secondOrder ? "i" : "out", 4), Self.pad(secondOrder ? "j" : "in", 4), Self.pad(forwardTitle, 14), Self.pad(reverseTitle, 14),
       Self.pad("GSL", 14), Self.pad("abserr", 10), Self.pad("abs error", 10), Self.pad("rel error", 10),
       "  verdict"].joined()
    )
    for e in shown {
      lines.append(
        [Self.pad("\(e.output)", 4), Self.pad("\(e.input)", 4),
         Self.pad(e.forward.map(Self.value) ?? "—", 14), Self.pad(e.reverse.map(Self.value) ?? "—", 14),
         Self.pad(Self.value(e.numerical), 14), Self.pad(Self.number(e.abserr), 10),
         Self.pad(Self.number(e.absoluteError), 10), Self.pad(Self.number(e.relativeError), 10),
         "  " + Self.verdictText(e)].joined()
      )
    }
    if shown.count < entries.count {
      lines.append("(\(entries.count - shown.count) passing entries not shown)")
    }
    if let worst = worstEntry {
      let position = secondOrder ? "H[\(worst.output)][\(worst.input)]" : "out \(worst.output), in \(worst.input)"
      lines.append(
        "worst: \(position): |AD − GSL| = \(Self.number(worst.absoluteError)), \(Self.number(worst.toleranceRatio)) of the allowed \(Self.number(worst.allowedError))"
      )
    }
    if let a = adjoint {
      lines.append(
        "adjoint: ⟨u, vjp(v)⟩ = \(Self.value(a.reverseSide)), ⟨jvp(u), v⟩ = \(Self.value(a.forwardSide)), difference \(Self.number(a.difference)) (allowed \(Self.number(a.allowed))): \(a.passed ? "pass" : "MISMATCH")"
      )
    }
    if let s = symmetry {
      lines.append(
        "symmetry: max |(H·eⱼ)ᵢ − (H·eᵢ)ⱼ| = \(Self.number(s.difference)) at (\(s.row), \(s.column)): \(Self.value(s.upper)) vs \(Self.value(s.lower)) (allowed \(Self.number(s.allowed))): \(s.passed ? "pass" : "MISMATCH")"
      )
    }
    return lines.joined(separator: "\n")
  }

  private static func verdictText(_ e: GradientCheckEntry) -> String {
    switch e.verdict {
    case .pass: return "pass"
    case .mismatch: return "MISMATCH"
    case .nonFinite: return e.method == .unavailable ? "non-finite (no finite difference)" : "non-finite"
    }
  }

  static func value(_ x: Double) -> String { String(format: "%.9g", x) }
  static func number(_ x: Double) -> String { String(format: "%.2g", x) }
  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
  }
}
