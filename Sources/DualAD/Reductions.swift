// The reductions' default implementations: plain loops, for `Double`, `Float` and any ADScalar
// that does not record or carry derivatives its own way.

extension ADScalar {
  /// Σₖ xₖ, added left to right.
  @inlinable
  public static func sum<C: RandomAccessCollection<Self>>(_ x: C) -> Self {
    var total: Self = 0
    for v in x { total += v }
    return total
  }

  /// Σₖ aₖbₖ, added left to right; NaN when the lengths differ.
  @inlinable
  public static func dot<A: RandomAccessCollection<Self>, B: RandomAccessCollection<Self>>(_ a: A, _ b: B) -> Self {
    guard a.count == b.count else { return Self(Primal.nan) }
    var total: Self = 0
    for (x, y) in zip(a, b) { total += x * y }
    return total
  }

  /// Σₖ aₖbₖ with constant aₖ, added left to right; NaN when the lengths differ.
  @inlinable
  public static func dot<A: RandomAccessCollection<Primal>, B: RandomAccessCollection<Self>>(constants a: A, _ b: B) -> Self {
    guard a.count == b.count else { return Self(Primal.nan) }
    var total: Self = 0
    for (x, y) in zip(a, b) { total += Self(x) * y }
    return total
  }
}

extension RandomAccessCollection {
  /// The elements in contiguous memory: their own storage when they have one (an array or a
  /// slice of one), otherwise a copy.
  @inlinable
  func withContiguousElements<R>(_ body: (UnsafeBufferPointer<Element>) -> R) -> R {
    if let result = withContiguousStorageIfAvailable(body) { return result }
    return Array(self).withUnsafeBufferPointer(body)
  }
}
