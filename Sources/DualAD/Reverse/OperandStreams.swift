/// The tape format of values that are their own primals (`Double`, `Float`): a node has one to
/// four parents, or any number for a wide node. Its operands, a parent index and the partial
/// ∂node/∂parent, are stored one after the other in two parallel streams, `partials` and
/// `parents`, with the first operand of each node marked in the index's top bit
/// (``TapeStorage/firstOperandMark``); an input recorded before any other node has no operands.
/// A node with k parents costs 12k bytes with `Double` (and its adjoint, 8 more, during a
/// sweep): 32 bytes for two parents, 44 for three where two binary nodes would cost 64.
///
/// Static functions on the shared ``TapeStorage``: ``TapeStorage`` picks this format or
/// ``PairRecords`` by a constant of `Value`, so after specialization a call costs nothing.
@usableFromInline
enum OperandStreams<Value: ADScalar> {
  @usableFromInline typealias Storage = TapeStorage<Value>

  /// One pooled block for `capacity` operands: partials first (aligned for Value), then indices.
  @inlinable
  static func allocate(
    _ capacity: Int
  ) -> (UnsafeMutablePointer<Value>, UnsafeMutablePointer<UInt32>, Int, Int) {
    let stride = MemoryLayout<Value>.stride, indexStride = MemoryLayout<UInt32>.stride
    // Up to indexStride − 1 bytes of padding keep the indices aligned after the partials.
    let bytes = capacity * (stride + indexStride) + indexStride - 1
    let (block, blockCapacity) = BufferPool.allocate(Value.self, count: (bytes + stride - 1) / stride)
    let operands = (blockCapacity * stride - (indexStride - 1)) / (stride + indexStride)
    let offset = (operands * stride + indexStride - 1) / indexStride * indexStride
    let indices = (UnsafeMutableRawPointer(block) + offset).bindMemory(to: UInt32.self, capacity: operands)
    return (block, indices, operands, blockCapacity)
  }

  /// Writes a node's operands with parents `a`, `b`, … (different nodes) and partials `da`,
  /// `db`, … at operand `k`, where room was made.
  @inlinable @inline(__always)
  static func write(_ s: inout Storage, at k: Int, _ a: Int32, _ da: Value) {
    s.parents[k] = UInt32(truncatingIfNeeded: a) | Storage.firstOperandMark
    (s.partials + k).initialize(to: da)
    s.operandCount = k &+ 1
  }

  @inlinable @inline(__always)
  static func write(_ s: inout Storage, at k: Int, _ a: Int32, _ da: Value, _ b: Int32, _ db: Value) {
    s.parents[k] = UInt32(truncatingIfNeeded: a) | Storage.firstOperandMark
    s.parents[k &+ 1] = UInt32(truncatingIfNeeded: b)
    (s.partials + k).initialize(to: da)
    (s.partials + (k &+ 1)).initialize(to: db)
    s.operandCount = k &+ 2
  }

  @inlinable @inline(__always)
  static func write(
    _ s: inout Storage, at k: Int, _ a: Int32, _ da: Value, _ b: Int32, _ db: Value, _ c: Int32, _ dc: Value
  ) {
    s.parents[k] = UInt32(truncatingIfNeeded: a) | Storage.firstOperandMark
    s.parents[k &+ 1] = UInt32(truncatingIfNeeded: b)
    s.parents[k &+ 2] = UInt32(truncatingIfNeeded: c)
    (s.partials + k).initialize(to: da)
    (s.partials + (k &+ 1)).initialize(to: db)
    (s.partials + (k &+ 2)).initialize(to: dc)
    s.operandCount = k &+ 3
  }

  @inlinable @inline(__always)
  static func write(
    _ s: inout Storage, at k: Int,
    _ a: Int32, _ da: Value, _ b: Int32, _ db: Value, _ c: Int32, _ dc: Value, _ d: Int32, _ dd: Value
  ) {
    s.parents[k] = UInt32(truncatingIfNeeded: a) | Storage.firstOperandMark
    s.parents[k &+ 1] = UInt32(truncatingIfNeeded: b)
    s.parents[k &+ 2] = UInt32(truncatingIfNeeded: c)
    s.parents[k &+ 3] = UInt32(truncatingIfNeeded: d)
    (s.partials + k).initialize(to: da)
    (s.partials + (k &+ 1)).initialize(to: db)
    (s.partials + (k &+ 2)).initialize(to: dc)
    (s.partials + (k &+ 3)).initialize(to: dd)
    s.operandCount = k &+ 4
  }

  /// Writes operand `j` ≥ 1 of a node whose operands start at `parents` and `partials`.
  @inlinable @inline(__always)
  static func write(
    _ j: Int, parents: UnsafeMutablePointer<UInt32>, partials: UnsafeMutablePointer<Value>,
    parent: Int32, partial: Value
  ) {
    parents[j] = UInt32(truncatingIfNeeded: parent)
    (partials + j).initialize(to: partial)
  }

  /// Operand `j` ≥ 1 of the wide node begun at `start`, as written.
  @inlinable @inline(__always)
  static func operand(_ s: Storage, _ j: Int, of start: Int) -> (parent: Int32, partial: Value) {
    (Int32(truncatingIfNeeded: s.parents[start &+ j]), s.partials[start &+ j])
  }

  /// Closes the wide node begun at `start` with `operands` operands, `head` as operand 0: the
  /// usual run of operands, the first one marked.
  @inlinable @inline(__always)
  static func endWideNode(_ s: inout Storage, start: Int, operands: Int, head: (parent: Int32, partial: Value)) {
    s.parents[start] = UInt32(truncatingIfNeeded: head.parent) | Storage.firstOperandMark
    (s.partials + start).initialize(to: head.partial)
    s.operandCount = start &+ operands
  }

  /// Moves the operands of `s` into a new block's streams.
  @inlinable
  static func move(
    _ s: Storage, to partials: UnsafeMutablePointer<Value>, _ parents: UnsafeMutablePointer<UInt32>
  ) {
    partials.moveInitialize(from: s.partials, count: s.operandCount)
    parents.moveInitialize(from: s.parents, count: s.operandCount)
  }

  /// d·a, the adjoint carried to node i − 1. A partial of exactly 1 (a running sum) carries a
  /// itself: a branch rather than a multiply takes 3 of the 6 cycles off the carry's chain, the
  /// sweep's latency bound.
  @inlinable @inline(__always)
  static func carry(_ d: Value, _ a: Value) -> Value {
    if d == 1 { return a }
    return d * a
  }

  /// The sweep of this format (see ``TapeStorage/sweep(from:adjoint:)``).
  @inlinable
  static func sweep(_ s: Storage, from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    let parents = s.parents, partials = s.partials, leadingInputs = s.leadingInputs
    let mark = Storage.firstOperandMark
    var k = s.operandCount
    // Step over the operands of nodes above `last` (outputs need not be the last nodes).
    var skipped = s.count &- 1
    while skipped > last {
      repeat { k &-= 1 } while parents[k] & mark == 0
      skipped &-= 1
    }
    var i = last
    var carry: Value = 0
    while i > leadingInputs {
      let a = adjoint[i] + carry
      adjoint[i] = a
      carry = 0
      let previous = UInt32(truncatingIfNeeded: i &- 1)
      // Three operands, the commonest node (a running value joining a statement's two nodes):
      // straight-line code without the per-operand loop test.
      if k >= 3, parents[k &- 3] & mark != 0, (parents[k &- 2] | parents[k &- 1]) & mark == 0 {
        k &-= 3
        let p0 = parents[k] & ~mark, p1 = parents[k &+ 1], p2 = parents[k &+ 2]
        let d0 = partials[k]
        adjoint[Int(p1)] += partials[k &+ 1] * a
        adjoint[Int(p2)] += partials[k &+ 2] * a
        if p0 == previous { carry = Self.carry(d0, a) } else { adjoint[Int(p0)] += d0 * a }
        i &-= 1
        continue
      }
      // Any other node: its operands from the last down to the marked first one, which alone
      // is tried as the carry, as above.
      k &-= 1
      var parent = parents[k]
      while parent & mark == 0 {
        adjoint[Int(parent)] += partials[k] * a
        k &-= 1
        parent = parents[k]
      }
      let p0 = parent & ~mark, d0 = partials[k]
      if p0 == previous { carry = Self.carry(d0, a) } else { adjoint[Int(p0)] += d0 * a }
      i &-= 1
    }
    adjoint[i] += carry
  }
}
