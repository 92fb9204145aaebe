/// Writes the operands of one wide node straight onto a live tape, term by term, in one pass:
/// the fast path of ``Variable/combining(value:terms:)``, ``ADScalar/sum(_:)`` and
/// ``ADScalar/dot(_:_:)``.
///
/// Nothing is committed until ``finish(value:)``: a term of another tape makes ``add(_:_:)``
/// return false, and the caller then takes the general path (``Variable/combining(value:count:_:)``),
/// which checks every term before it touches the tape. Room for every operand is made first,
/// so each write is in bounds.
@usableFromInline
struct NodeBuilder<Value: ADScalar> {
  @usableFromInline let storage: UnsafeMutablePointer<TapeStorage<Value>>
  @usableFromInline let tape: TapeHandle
  @usableFromInline let start: Int
  /// Where operand 1 goes: held here so that the loop does not reload the storage's pointers.
  @usableFromInline let parents: UnsafeMutablePointer<UInt32>
  @usableFromInline let partials: UnsafeMutablePointer<Value>
  @usableFromInline let records: UnsafeMutablePointer<TapeNode<Value>>
  /// Operands written so far, at positions 1…written. A node may appear in several of them:
  /// the sweep adds each into its adjoint.
  @usableFromInline var written = 0

  /// A builder for a node of at most `terms` terms on `tape`; nil when the tape has ended.
  @inlinable @inline(__always)
  init?(tape: TapeHandle, terms: Int) {
    guard let s = Variable<Value>.liveStorage(tape) else { return nil }
    storage = s
    self.tape = tape
    // A term brings at most two nodes.
    start = s.pointee.beginWideNode(operands: Variable<Value>.combinesTwoNodes ? 2 &* terms : terms)
    parents = s.pointee.parents + start
    partials = s.pointee.partials + start
    records = PairRecords.records(s.pointee) + (start &>> 1)
  }

  /// Adds partial·d(x); false when x belongs to another tape or generation.
  @inlinable @inline(__always)
  mutating func add(_ x: Variable<Value>, _ partial: Value) -> Bool {
    let t = x.tape
    guard t.isRecorded else { return true }
    guard t == tape else { return false }
    put(x.index, partial * x.scale)
    if Variable<Value>.combinesTwoNodes, x.otherIndex != 0 { put(x.otherIndex, partial * x.otherScale) }
    return true
  }

  /// Adds partial(k)·d(terms[k]) for k = `from`, `from` + 1, …: the index of the first term of
  /// another tape or generation (the caller then takes the general path), or `terms.count`.
  ///
  /// The same writes as ``add(_:_:)`` term by term, in one loop over local copies of the write
  /// positions: kept in the builder, they were reloaded from the stack at every operand.
  @inlinable @inline(__always)
  mutating func add(
    _ terms: UnsafeBufferPointer<Variable<Value>>, from: Int, _ partial: (Int) -> Value
  ) -> Int {
    var unused: Value = 0
    return add(terms, from: from, partial, summing: { _ in 0 }, into: &unused)
  }

  /// ``add(_:from:_:)`` that also adds `term(k)` to `total` for every k it passes, recorded or
  /// not, in order, when values are plain (`Double`, `Float`): a reduction's value in the same
  /// pass as its operands. A separate value loop waits on each addition in turn (4 cycles here);
  /// in this loop the additions overlap the operands' writes. Other values leave `total` as it
  /// is: their reductions take the value from `Value.dot`.
  @inlinable @inline(__always)
  mutating func add(
    _ terms: UnsafeBufferPointer<Variable<Value>>, from: Int, _ partial: (Int) -> Value,
    summing term: (Int) -> Value, into total: inout Value
  ) -> Int {
    let parents = self.parents, partials = self.partials, records = self.records, tape = self.tape
    var written = self.written
    var k = from
    let n = terms.count
    var sum = total
    while k < n {
      let x = terms[k]
      let t = x.tape
      if Value.self == Value.Primal.self { sum += term(k) }
      if t.isRecorded {
        guard t == tape else { break }
        let d = partial(k)
        written &+= 1
        TapeStorage<Value>.write(written, parents: parents, partials: partials, records: records, parent: x.index, partial: d * x.scale)
        if Variable<Value>.combinesTwoNodes, x.otherIndex != 0 {
          written &+= 1
          TapeStorage<Value>.write(
            written, parents: parents, partials: partials, records: records, parent: x.otherIndex, partial: d * x.otherScale)
        }
      }
      k &+= 1
    }
    total = sum
    self.written = written
    return k
  }

  @inlinable @inline(__always)
  mutating func put(_ node: Int32, _ partial: Value) {
    written &+= 1
    TapeStorage<Value>.write(written, parents: parents, partials: partials, records: records, parent: node, partial: partial)
  }

  /// The variable with value `value` and the differential added up: a node when it has more than
  /// two operands, otherwise a combination (or, on a tape without preaccumulation, a two-parent
  /// node), as a binary operation gives.
  @inlinable @inline(__always)
  func finish(value v: Value) -> Variable<Value> {
    if _fastPath(written > 4) { return Self.commit(value: v, storage: storage, start: start, written: written, tape: tape) }
    return Self.finishSmall(value: v, storage: storage, start: start, written: written, tape: tape)
  }

  /// Records the node as written.
  @inlinable @inline(__always)
  static func commit(
    value v: Value, storage: UnsafeMutablePointer<TapeStorage<Value>>, start: Int, written: Int, tape: TapeHandle
  ) -> Variable<Value> {
    Variable(value: v, index: storage.pointee.endWideNode(start: start, operands: written), tape: tape)
  }

  /// At most four operands: when they name at most two distinct nodes, the combination that a
  /// binary operation gives (nothing is committed but, on a tape without preaccumulation, a
  /// two-parent node); otherwise the node as written. Static, with the builder's fields as
  /// arguments: a method took the builder through memory, eight stores per reduction.
  @inlinable @inline(never)
  static func finishSmall(
    value v: Value, storage: UnsafeMutablePointer<TapeStorage<Value>>, start: Int, written: Int, tape: TapeHandle
  ) -> Variable<Value> {
    var a: Int32 = -1, b: Int32 = -1
    var pa: Value = 0, pb: Value = 0
    for j in stride(from: 1, through: written, by: 1) {
      let (p, d) = storage.pointee.operand(j, of: start)
      if a < 0 || p == a {
        a = p
        pa += d
      } else if b < 0 || p == b {
        b = p
        pb += d
      } else {
        return commit(value: v, storage: storage, start: start, written: written, tape: tape)
      }
    }
    guard b >= 0 else { return Variable(value: v, index: a, scale: pa, tape: tape) }
    if Variable<Value>.combinesTwoNodes {
      return Variable(value: v, index: a, scale: pa, otherIndex: b, otherScale: pb, tape: tape)
    }
    return Variable(value: v, index: storage.pointee.record(a, pa, b, pb), tape: tape)
  }
}
