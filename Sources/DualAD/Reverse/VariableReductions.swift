extension Variable {
  /// Σₖ xₖ as one node with every recorded term as a parent (partial 1 each), in one pass over
  /// `x` (a lazy collection's elements are computed once, and not stored). Always inlined: a
  /// lazy map's closure is then called directly rather than through a context thunk.
  @inlinable @inline(__always)
  public static func sum<C: RandomAccessCollection<Self>>(_ x: C) -> Self {
    guard Value.self == Primal.self else { return sumCarefully(Array(x)) }
    var total: Value = 0
    var index = x.startIndex
    while index != x.endIndex {
      let v = x[index]
      x.formIndex(after: &index)
      total += v.value
      guard v.tape.isRecorded else { continue }
      guard var builder = NodeBuilder<Value>(tape: v.tape, terms: x.distance(from: index, to: x.endIndex) &+ 1),
            builder.add(v, 1) else { return sumCarefully(Array(x)) }
      while index != x.endIndex {
        let w = x[index]
        x.formIndex(after: &index)
        total += w.value
        guard builder.add(w, 1) else { return sumCarefully(Array(x)) }
      }
      return builder.finish(value: total)
    }
    return Variable(constant: total)
  }

  /// ``sum(_:)`` of terms from several tapes, a finished tape, or of nested values.
  @inlinable @inline(never)
  static func sumCarefully(_ x: [Self]) -> Self {
    let value: Value = Value.self == Primal.self ? x.reduce(0) { $0 + $1.value } : Value.sum(x.map(\.value))
    return x.withUnsafeBufferPointer { x in combiningCarefully(value: value, count: x.count) { k in (x[k], 1) } }
  }

  /// Σₖ aₖbₖ as one node with every recorded element of both arrays as a parent:
  /// ∂/∂aₖ = bₖ, ∂/∂bₖ = aₖ (values of the tape's type, so exact at every order). For
  /// `dot(a, a)` each element is one parent with partial 2aₖ.
  @inlinable
  public static func dot<A: RandomAccessCollection<Self>, B: RandomAccessCollection<Self>>(_ a: A, _ b: B) -> Self {
    a.withContiguousElements { a in
      b.withContiguousElements { b in dotOfBuffers(a, b) }
    }
  }

  @inlinable
  static func dotOfBuffers(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>) -> Self {
    guard a.count == b.count else { return mismatchedDot(a, b) }
    let n = a.count
    // For plain values, the value Σ aₖbₖ is added left to right as the operands are written
    // (``NodeBuilder/add(_:from:_:summing:into:)``).
    let plain = Value.self == Primal.self
    var value: Value = plain ? 0 : valueOfDot(a, b)
    var first = 0
    while first < n, !a[first].tape.isRecorded, !b[first].tape.isRecorded {
      if plain { value += a[first].value * b[first].value }
      first &+= 1
    }
    guard first < n else { return Variable(constant: value) }
    let tape = a[first].tape.isRecorded ? a[first].tape : b[first].tape
    if a.baseAddress == b.baseAddress {
      if var builder = NodeBuilder<Value>(tape: tape, terms: n &- first),
         builder.add(a, from: first, { k in 2 * a[k].value }, summing: { k in a[k].value * a[k].value }, into: &value) == n {
        return builder.finish(value: value)
      }
      return combiningCarefully(value: valueOfDot(a, b), count: n) { k in (a[k], 2 * a[k].value) }
    }
    // The aₖ's terms (with the value), then the bₖ's: two tight loops.
    if var builder = NodeBuilder<Value>(tape: tape, terms: 2 &* (n &- first)),
       builder.add(a, from: first, { k in b[k].value }, summing: { k in a[k].value * b[k].value }, into: &value) == n,
       builder.add(b, from: first, { k in a[k].value }) == n {
      return builder.finish(value: value)
    }
    return combiningCarefully(value: valueOfDot(a, b), count: 2 &* n) { k in
      k < n ? (a[k], b[k].value) : (b[k &- n], a[k &- n].value)
    }
  }

  /// Σₖ aₖbₖ of the values: added left to right for plain values, `Value.dot` otherwise.
  @inlinable
  static func valueOfDot(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>) -> Value {
    guard Value.self == Primal.self else { return Value.dot(a.map(\.value), b.map(\.value)) }
    var total: Value = 0
    for k in 0..<a.count { total += a[k].value * b[k].value }
    return total
  }

  /// Σₖ aₖbₖ with constant aₖ as one node with every recorded bₖ as a parent, partial aₖ.
  @inlinable
  public static func dot<A: RandomAccessCollection<Primal>, B: RandomAccessCollection<Self>>(constants a: A, _ b: B) -> Self {
    a.withContiguousElements { a in
      b.withContiguousElements { b in dotOfConstants(a, b) }
    }
  }

  @inlinable
  static func dotOfConstants(_ a: UnsafeBufferPointer<Primal>, _ b: UnsafeBufferPointer<Self>) -> Self {
    guard a.count == b.count else { return mismatchedDot(lhs: a.count, b) }
    let n = a.count
    // As in ``dotOfBuffers(_:_:)``: for plain values the value is added as the operands are written.
    let plain = Value.self == Primal.self
    var value: Value = plain ? 0 : valueOfDot(constants: a, b)
    var first = 0
    while first < n, !b[first].tape.isRecorded {
      if plain { value += Value(a[first]) * b[first].value }
      first &+= 1
    }
    guard first < n else { return Variable(constant: value) }
    if var builder = NodeBuilder<Value>(tape: b[first].tape, terms: n &- first),
       builder.add(b, from: first, { k in Value(a[k]) }, summing: { k in Value(a[k]) * b[k].value }, into: &value) == n {
      return builder.finish(value: value)
    }
    return combiningCarefully(value: valueOfDot(constants: a, b), count: n) { k in (b[k], Value(a[k])) }
  }

  /// Σₖ aₖbₖ of constants and values: added left to right for plain values, `Value.dot`
  /// otherwise.
  @inlinable
  static func valueOfDot(constants a: UnsafeBufferPointer<Primal>, _ b: UnsafeBufferPointer<Self>) -> Value {
    guard Value.self == Primal.self else { return Value.dot(constants: a, b.map(\.value)) }
    var total: Value = 0
    for k in 0..<a.count { total += Value(a[k]) * b[k].value }
    return total
  }

  /// NaN, not recorded: the live tape of the first recorded element remembers the mismatch, so
  /// that its operators throw; a finished tape's result stays stale.
  @inlinable @inline(never)
  static func mismatchedDot(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>) -> Self {
    let nan = Value(Primal.nan)
    guard let tape = (Array(a) + Array(b)).first(where: \.tape.isRecorded)?.tape else { return Variable(constant: nan) }
    if let s = liveStorage(tape) { s.pointee.remember(.dotLengthMismatch(lhs: a.count, rhs: b.count)) }
    return Variable(unrecorded: nan, tape: tape)
  }

  /// ``mismatchedDot(_:_:)`` for constants of length `lhs` and variables `b`.
  @inlinable @inline(never)
  static func mismatchedDot(lhs: Int, _ b: UnsafeBufferPointer<Self>) -> Self {
    let nan = Value(Primal.nan)
    guard let tape = b.first(where: \.tape.isRecorded)?.tape else { return Variable(constant: nan) }
    if let s = liveStorage(tape) { s.pointee.remember(.dotLengthMismatch(lhs: lhs, rhs: b.count)) }
    return Variable(unrecorded: nan, tape: tape)
  }
}
