extension Dual {
  /// Σₖ xₖ in one pass: values and tangents summed, (Σ vₖ) + (Σ v̇ₖ)ε.
  @inlinable
  public static func sum<C: RandomAccessCollection<Self>>(_ x: C) -> Self {
    guard Value.self == Primal.self else {
      // Nested: the value type's own reduction (one node on an inner tape).
      let x = Array(x)
      var tag = PerturbationTag.none
      for v in x { tag = .merge(tag, v.tag) }
      return Dual(value: Value.sum(x.map(\.value)), tangent: Value.sum(x.map(\.tangent)), tag: tag)
    }
    var value: Value = 0, tangent: Value = 0
    var tag = PerturbationTag.none
    for v in x {
      value += v.value
      tangent += v.tangent
      tag = .merge(tag, v.tag)
    }
    return Dual(value: value, tangent: tangent, tag: tag)
  }

  /// Σₖ aₖbₖ in one pass: (Σ aₖbₖ) + (Σ ȧₖbₖ + aₖḃₖ)ε; NaN when the lengths differ.
  @inlinable
  public static func dot<A: RandomAccessCollection<Self>, B: RandomAccessCollection<Self>>(_ a: A, _ b: B) -> Self {
    guard a.count == b.count else { return Dual(value: Value(Primal.nan), tangent: Value(Primal.nan)) }
    guard Value.self == Primal.self else {
      let a = Array(a), b = Array(b)
      var tag = PerturbationTag.none
      for (x, y) in zip(a, b) { tag = .merge(tag, .merge(x.tag, y.tag)) }
      let av = a.map(\.value), bv = b.map(\.value)
      let value = Value.dot(av, bv)
      let tangent = Value.dot(a.map(\.tangent) + av, bv + b.map(\.tangent))
      return Dual(value: value, tangent: tangent, tag: tag)
    }
    var value: Value = 0, tangent: Value = 0
    var tag = PerturbationTag.none
    for (x, y) in zip(a, b) {
      value += x.value * y.value
      tangent += x.tangent * y.value + x.value * y.tangent
      tag = .merge(tag, .merge(x.tag, y.tag))
    }
    return Dual(value: value, tangent: tangent, tag: tag)
  }
}
