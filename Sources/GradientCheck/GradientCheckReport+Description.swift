import Foundation

extension GradientCheckReport: CustomStringConvertible {
  /// A title line, an aligned table of entries, the worst entry and the adjoint identity (or,
  /// for a Hessian, the symmetry).
  ///
  /// Up to 64 entries are listed; a larger Jacobian lists only the entries that did not pass.
  public var description: String {
    var lines: [String] = []
    let verdict = self.verdict.rawValue.uppercased()
    var parts = failures
    if failures.isEmpty {
      parts.append(directions == nil ? "\(entries.count) entries" : "no pair disagrees")
    }
    if !kinks.isEmpty { parts.append("\(kinks.count) at a kink") }
    if !nonFiniteEntries.isEmpty { parts.append("\(nonFiniteEntries.count) non-finite") }
    if !undecidedEntries.isEmpty { parts.append("\(undecidedEntries.count) undecided") }
    let summary = parts.joined(separator: ", ")
    let secondOrder = order == 2
    let (forwardTitle, reverseTitle) = secondOrder ? ("fwd∘fwd", "fwd∘rev") : ("forward", "reverse")
    if secondOrder {
      let modeNames = [modes.contains(.forward) ? "forward-over-forward" : nil, modes.contains(.reverse) ? "forward-over-reverse" : nil]
      lines.append(
        "hessian check \(name): \(verdict) (\(inputCount)×\(inputCount) Hessian against GSL differences of the gradient, \(arithmetic), \(modeNames.compactMap { $0 }.joined(separator: "+")); \(summary))"
      )
    } else {
      let fast = directions.map { "fast, \($0.count) direction pairs, " } ?? ""
      lines.append(
        "gradient check \(name): \(verdict) (\(outputCount) outputs × \(inputCount) inputs, \(fast)\(arithmetic), \(modes.names); \(summary))"
      )
    }
    lines.append(
      "tolerance: |AD − GSL| ≤ \(Self.number(tolerance.abserrFactor))·abserr + \(Self.number(tolerance.absolute)) + \(Self.number(tolerance.relative))·|GSL|"
    )
    if let directions {
      lines += directionLines(directions)
      if !entries.isEmpty { lines.append("located by bisection over the inputs:") }
    }
    let shown = entries.count <= 64 ? entries : entries.filter { $0.verdict != .pass }
    if !shown.isEmpty || directions == nil { lines.append(
      [Self.pad(secondOrder ? "i" : "out", 4), Self.pad(secondOrder ? "j" : "in", 4), Self.pad(forwardTitle, 14), Self.pad(reverseTitle, 14),
       Self.pad("GSL", 14), Self.pad("abserr", 10), Self.pad("abs error", 10), Self.pad("rel error", 10),
       "  verdict"].joined()
    ) }
    for e in shown {
      lines.append(
        [Self.pad("\(e.output)", 4), Self.pad("\(e.input)", 4),
         Self.pad(e.forward.map(Self.value) ?? "—", 14), Self.pad(e.reverse.map(Self.value) ?? "—", 14),
         Self.pad(Self.value(e.numerical), 14), Self.pad(Self.number(e.abserr), 10),
         Self.pad(Self.number(e.absoluteError), 10), Self.pad(Self.number(e.relativeError), 10),
         "  " + Self.verdictText(e.verdict, method: e.method)].joined()
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
    for e in shown {
      guard let sides = e.oneSided else { continue }
      let position = secondOrder ? "H[\(e.output)][\(e.input)]" : "out \(e.output), in \(e.input)"
      lines.append(
        "kink at \(position): one-sided derivatives \(Self.value(sides.left)) (left), \(Self.value(sides.right)) (right); AD \(Self.value(e.forward ?? e.reverse ?? .nan)): \(e.verdict == .kink ? "between them" : e.verdict == .mismatch ? "OUTSIDE" : e.verdict.rawValue)"
      )
    }
    if let s = symmetry {
      lines.append(
        "symmetry: max |(H·eⱼ)ᵢ − (H·eᵢ)ⱼ| = \(Self.number(s.difference)) at (\(s.row), \(s.column)): \(Self.value(s.upper)) vs \(Self.value(s.lower)) (allowed \(Self.number(s.allowed))): \(s.passed ? "pass" : "MISMATCH")"
      )
    }
    if let taylor { lines.append(Self.taylorLine(taylor, secondOrder: secondOrder, counted: taylorCounts)) }
    if let d = determinism {
      lines.append(
        d.passed
          ? "determinism: f evaluated 3 times at the point, max difference \(Self.number(d.difference)) (allowed \(Self.number(d.allowed))): pass"
          : "determinism: f is not deterministic: output \(d.output) was \(Self.value(d.first[d.output])), then \(Self.value(d.other[d.output])) at evaluation \(d.evaluation) (difference \(Self.number(d.difference)), allowed \(Self.number(d.allowed))): FAILED"
      )
    }
    if let customRules { lines.append(customRules.summary) }
    return lines.joined(separator: "\n")
  }

  private func directionLines(_ directions: [DirectionCheck]) -> [String] {
    var lines = [
      [Self.pad("pair", 5), Self.pad("vᵀ(J·u) fwd", 16), Self.pad("(vᵀJ)·u rev", 16), Self.pad("GSL", 16), Self.pad("abserr", 10),
       Self.pad("abs error", 10), "  verdict"].joined()
    ]
    for (k, d) in directions.enumerated() {
      lines.append(
        [Self.pad("\(k)", 5), Self.pad(d.forward.map(Self.value) ?? "—", 16), Self.pad(d.reverse.map(Self.value) ?? "—", 16),
         Self.pad(Self.value(d.numerical), 16), Self.pad(Self.number(d.abserr), 10), Self.pad(Self.number(d.absoluteError), 10),
         "  " + Self.verdictText(d.verdict, method: .central)
           + (d.adjoint.map { $0.passed ? "" : " (adjoint identity broken)" } ?? "")].joined()
      )
    }
    return lines
  }

  private static func taylorLine(_ t: TaylorTest, secondOrder: Bool, counted: Bool) -> String {
    let what = secondOrder ? "‖∇f(x+h·u) − ∇f(x) − h·H·u‖" : "‖f(x+h·u) − f(x) − h·J·u‖"
    let fitted = t.residuals.filter(\.fitted).map(\.step)
    guard let slope = t.slope, let largest = fitted.first, let smallest = fitted.last else {
      return "taylor: \(what) is at round-off for every h = 2⁻¹ … 2⁻³⁶ (exact along u): pass"
    }
    return "taylor: \(what) falls with slope \(String(format: "%.2f", slope)) for h = \(number(largest)) … \(number(smallest)) (2 when J·u is right, 1 when wrong): \(t.passed ? "pass" : counted ? "FAILED" : "not counted (f is not smooth here)")"
  }

  private static func verdictText(_ verdict: GradientCheckVerdict, method: NumericalMethod) -> String {
    switch verdict {
    case .pass: return "pass"
    case .mismatch: return "MISMATCH"
    case .kink: return "kink"
    case .undecided: return "undecided (abserr too large)"
    case .nonFinite: return method == .unavailable ? "non-finite (no finite difference)" : "non-finite"
    }
  }

  static func value(_ x: Double) -> String { x == 0 ? "0" : String(format: "%.9g", x) }
  static func number(_ x: Double) -> String { String(format: "%.2g", x) }
  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
  }
}
