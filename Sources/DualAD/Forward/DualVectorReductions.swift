extension DualVector {
  /// Σₖ xₖ in one pass: the value and each direction's tangent summed.
  @inlinable
  public static func sum<C: RandomAccessCollection<Self>>(_ x: C) -> Self {
    var value: Value = 0
    var tangents = InlineArray<Width, Value>(repeating: 0)
    var tag = PerturbationTag.none
    for v in x {
      value += v.value
      for j in 0..<Width { tangents[j] += v.tangents[j] }
      tag = .merge(tag, v.tag)
    }
    return DualVector(value: value, tangents: tangents, tag: tag)
  }

  /// Σₖ aₖbₖ in one pass: the value Σ aₖbₖ and, in each direction j, Σ ȧₖⱼbₖ + aₖḃₖⱼ; NaN
  /// when the lengths differ.
  @inlinable
  public static func dot<A: RandomAccessCollection<Self>, B: RandomAccessCollection<Self>>(_ a: A, _ b: B) -> Self {
    guard a.count == b.count else { return DualVector(value: Value(Primal.nan), tangents: InlineArray(repeating: Value(Primal.nan))) }
    var value: Value = 0
    var tangents = InlineArray<Width, Value>(repeating: 0)
    var tag = PerturbationTag.none
    for (x, y) in zip(a, b) {
      value += x.value * y.value
      for j in 0..<Width { tangents[j] += x.tangents[j] * y.value + x.value * y.tangents[j] }
      tag = .merge(tag, .merge(x.tag, y.tag))
    }
    return DualVector(value: value, tangents: tangents, tag: tag)
  }
}
