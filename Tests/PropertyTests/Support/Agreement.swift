import DualADExpressions
import Testing

/// The relative tolerance of the mode-against-mode properties, in Double.
let modeTolerance = 1e-12

/// True when a and b differ by at most 10⁻¹²·scale, where scale is the sum of the magnitudes of
/// the terms a and b add up (an entry of ``absoluteJacobian(of:at:)`` or a product with it).
///
/// Why this scale: both sides sum the same products of the same partials, in different orders
/// and groupings; each rounding is relative to a partial sum, and every partial sum is at most
/// the sum of magnitudes. So the difference is at most about 2·L·ε·scale for paths of length L
/// (L < 100 here: ε·L·2 ≈ 2·10⁻¹⁴), whatever cancels. Where nothing cancels, scale = |a| and
/// this is a plain relative test; where terms cancel to near 0 (x·y − y·x), it still allows
/// the round-off of the terms themselves, which a test relative to |a| alone would not.
/// Both must be finite: the generator only builds functions that are.
func agree(_ a: Double, _ b: Double, scale: Double) -> Bool {
  a.isFinite && b.isFinite && Swift.abs(a - b) <= modeTolerance * scale + Double.leastNormalMagnitude
}

/// The compiled function of a case, or a recorded issue that names the case.
///
/// Errors thrown inside a `propertyCheck` body are not reported by PropertyBased, so every
/// property catches its own and records them.
func withCompiled(
  _ c: PropertyCase, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: (CompiledExpression) throws -> Void
) {
  do {
    try body(try c.compiled())
  } catch {
    Issue.record("\(error)\n\(c)", sourceLocation: sourceLocation)
  }
}
