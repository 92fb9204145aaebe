extension Variable {
  /// A variable with value `value` whose differential is a weighted sum of other variables'
  /// differentials, dv = Σₖ partialₖ·d(variableₖ), recorded as one tape node with all their
  /// nodes as parents.
  ///
  /// This is how a function with many arguments and known partials enters the tape: a
  /// reduction (``ADScalar/sum(_:)``, ``ADScalar/dot(_:_:)``), or a user's own derivative. Its
  /// cost is one node with k parents, where composing the same value from binary operations
  /// records up to k − 1 nodes. Constants (variables with no tape node) are skipped; a variable
  /// that appears twice gets the sum of its partials. When the terms depend on at most two
  /// nodes, no node is recorded, as with any binary operation.
  ///
  /// Terms from two different tapes, or from a tape that has ended, record nothing: like any
  /// other operation on them, the result makes the next operator throw
  /// ``DifferentiationError/mixedTapes`` or ``DifferentiationError/finishedTape``.
  ///
  /// ```swift
  /// // v = x₀x₁x₂ as one node: ∂v/∂xₖ is the product of the other two.
  /// let v = Variable.combining(
  ///   value: x[0].value * x[1].value * x[2].value,
  ///   terms: [(x[0], x[1].value * x[2].value), (x[1], x[0].value * x[2].value),
  ///           (x[2], x[0].value * x[1].value)])
  /// ```
  @inlinable
  public static func combining(value: Value, terms: [(variable: Variable<Value>, partial: Value)]) -> Variable<Value> {
    terms.withUnsafeBufferPointer { terms in
      combining(value: value, count: terms.count) { k in terms[k] }
    }
  }

  /// ``combining(value:terms:)`` with the k-th term given by `term(k)` for k in 0..<`count`.
  /// `term` may be called several times per k and must return the same term each time.
  ///
  /// One pass writes the operands straight onto the tape (``NodeBuilder``); terms of another
  /// tape, or of a finished one, fall back to ``combiningCarefully(value:count:_:)``.
  @inlinable @inline(__always)
  static func combining(
    value v: Value, count n: Int, _ term: (Int) -> (variable: Self, partial: Value)
  ) -> Self {
    var first = 0
    while first < n, !term(first).variable.tape.isRecorded { first &+= 1 }
    guard first < n else { return Variable(constant: v) }
    if var builder = NodeBuilder<Value>(tape: term(first).variable.tape, terms: n &- first) {
      var k = first
      while k < n {
        let (x, p) = term(k)
        guard builder.add(x, p) else { break }
        k &+= 1
      }
      if k == n { return builder.finish(value: v) }
    }
    return combiningCarefully(value: v, count: n, term)
  }

  /// The general path of ``combining(value:count:_:)``: checks every term's tape before it
  /// writes anything. `term` is called up to three times per k.
  @inlinable @inline(never)
  static func combiningCarefully(
    value v: Value, count n: Int, _ term: (Int) -> (variable: Self, partial: Value)
  ) -> Self {
    // Pass 1: the tape, whether every recorded term is on it, and whether more than two
    // distinct nodes are involved (then a node is recorded).
    var tape = TapeHandle.constant
    var mixed = false
    var first: Int32 = -1, second: Int32 = -1, more = false
    for k in 0..<n {
      let x = term(k).variable
      let t = x.tape
      guard t.isRecorded else { continue }
      if !tape.isRecorded {
        tape = t
      } else if _slowPath(t != tape) {
        tape = tapeOfUnrecorded(tape, t)
        mixed = true
        continue
      }
      let two = combinesTwoNodes && x.otherIndex != 0
      if !more {
        more = Self.note(x.index, &first, &second)
        if two, !more { more = Self.note(x.otherIndex, &first, &second) }
      }
    }
    guard tape.isRecorded else { return Variable(constant: v) }
    if _slowPath(mixed) { return Variable(unrecorded: v, tape: tape) }
    guard more else { return combiningFewNodes(value: v, first, second, on: tape, count: n, term) }
    // Pass 2: every term is on this tape, so the builder takes them all.
    guard var builder = NodeBuilder<Value>(tape: tape, terms: n) else { return Variable(unrecorded: v, tape: tape) }
    for k in 0..<n {
      let (x, p) = term(k)
      _ = builder.add(x, p)
    }
    return builder.finish(value: v)
  }

  /// Notes `node` among the first two distinct nodes seen; true when it is a third.
  @inlinable @inline(__always)
  static func note(_ node: Int32, _ first: inout Int32, _ second: inout Int32) -> Bool {
    if node == first || node == second { return false }
    if first < 0 { first = node; return false }
    if second < 0 { second = node; return false }
    return true
  }

  /// The combination of terms that depend on at most the two nodes `first` and `second`
  /// (−1 for none): a rescaled variable, a two-node combination, or on a tape without
  /// preaccumulation a two-parent node.
  @inlinable
  static func combiningFewNodes(
    value v: Value, _ first: Int32, _ second: Int32, on tape: TapeHandle, count n: Int,
    _ term: (Int) -> (variable: Self, partial: Value)
  ) -> Self {
    var pa: Value = 0, pb: Value = 0
    for k in 0..<n {
      let (x, p) = term(k)
      guard x.tape.isRecorded else { continue }
      if x.index == first { pa += p * x.scale } else { pb += p * x.scale }
      guard combinesTwoNodes, x.otherIndex != 0 else { continue }
      if x.otherIndex == first { pa += p * x.otherScale } else { pb += p * x.otherScale }
    }
    guard second >= 0 else { return Variable(value: v, index: first, scale: pa, tape: tape) }
    if combinesTwoNodes {
      return Variable(value: v, index: first, scale: pa, otherIndex: second, otherScale: pb, tape: tape)
    }
    guard let s = liveStorage(tape) else { return Variable(unrecorded: v, tape: tape) }
    return Variable(value: v, index: s.pointee.record(first, pa, second, pb), tape: tape)
  }
}
