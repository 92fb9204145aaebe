import DualAD
import GradientCheck
import PropertyBased
import Testing

/// Property 2: forward and reverse Jacobians both agree with GSL's numerical Jacobian within
/// GradientCheck's Double tolerance (|AD − GSL| ≤ 10·abserr + 10⁻⁹ + 10⁻⁶·|GSL| per entry).
///
/// The report's own adjoint identity is not asserted here: its allowance is relative to the
/// terms of the two dot products, which is too tight when J's entries are themselves sums that
/// cancel to round-off (−sinh(asinh(s)) + s); property 3 checks the identity with the right scale.
@Test func bothModesAgreeWithGSL() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    withCompiled(c) { f in
      let report = try checkGradients(of: f, at: c.point, name: c.source)
      let everyEntryAgrees = report.mismatches.isEmpty
      #expect(everyEntryAgrees, "\(report)\n\(c)")
      let everyEntryFinite = report.nonFiniteEntries.isEmpty
      #expect(everyEntryFinite, "GSL found no finite difference for some entry\n\(report)\n\(c)")
    }
  }
}

/// The overall verdict on correct code: passed, never failed by the Taylor test or the kink test,
/// never inconclusive through an undecided entry.
@Test func correctCodePassesOverall() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    withCompiled(c) { f in
      let report = try checkGradients(of: f, at: c.point, name: c.source)
      #expect(report.verdict == .passed, "\(report)\n\(c)")
    }
  }
}
