// The reductions' default implementations: plain loops, for `Double`, `Float` and any ADScalar
// that does not record or carry derivatives its own way.

extension ADScalar {
  /// Σₖ xₖ, added left to right.
  @inlinable
  public static func sum(_ x: [Self]) -> Self {
    var total: Self = 0
    for v in x { total += v }
    return total
  }

  /// Σₖ aₖbₖ, added left to right; NaN when the lengths differ.
  @inlinable
  public static func dot(_ a: [Self], _ b: [Self]) -> Self {
    guard a.count == b.count else { return Self(Primal.nan) }
    var total: Self = 0
    for k in a.indices { total += a[k] * b[k] }
    return total
  }
}
