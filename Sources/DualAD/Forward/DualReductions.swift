extension Dual {
  /// Σₖ xₖ in one pass: values and tangents summed, (Σ vₖ) + (Σ v̇ₖ)ε.
  @inlinable
  public static func sum(_ x: [Self]) -> Self {
    var tag = PerturbationTag.none
    for v in x { tag = .merge(tag, v.tag) }
    guard Value.self == Primal.self else {
      // Nested: the value type's own reduction (one node on an inner tape).
      return Dual(value: Value.sum(x.map(\.value)), tangent: Value.sum(x.map(\.tangent)), tag: tag)
    }
    var value: Value = 0, tangent: Value = 0
    for v in x {
      value += v.value
      tangent += v.tangent
    }
    return Dual(value: value, tangent: tangent, tag: tag)
  }

  /// Σₖ aₖbₖ in one pass: (Σ aₖbₖ) + (Σ ȧₖbₖ + aₖḃₖ)ε; NaN when the lengths differ.
  @inlinable
  public static func dot(_ a: [Self], _ b: [Self]) -> Self {
    guard a.count == b.count else { return Dual(value: Value(Primal.nan), tangent: Value(Primal.nan)) }
    var tag = PerturbationTag.none
    for k in a.indices { tag = .merge(tag, .merge(a[k].tag, b[k].tag)) }
    guard Value.self == Primal.self else {
      let av = a.map(\.value), bv = b.map(\.value)
      let value = Value.dot(av, bv)
      let tangent = Value.dot(a.map(\.tangent) + av, bv + b.map(\.tangent))
      return Dual(value: value, tangent: tangent, tag: tag)
    }
    var value: Value = 0, tangent: Value = 0
    for k in a.indices {
      let x = a[k], y = b[k]
      value += x.value * y.value
      tangent += x.tangent * y.value + x.value * y.tangent
    }
    return Dual(value: value, tangent: tangent, tag: tag)
  }
}
