/// A node of a tape that does not preaccumulate: two parents and their partials in one record.
@frozen @usableFromInline
struct TapeNode<Value: ADScalar> {
  @usableFromInline var lhs: UInt32
  @usableFromInline var rhs: UInt32
  @usableFromInline var lhsPartial: Value
  @usableFromInline var rhsPartial: Value

  @inlinable
  init(lhs: UInt32, lhsPartial: Value, rhs: UInt32, rhsPartial: Value) {
    self.lhs = lhs
    self.rhs = rhs
    self.lhsPartial = lhsPartial
    self.rhsPartial = rhsPartial
  }
}

/// The tape format of values that are not their own primals (``Dual``, ``DualVector``, nested
/// values): every node has two parents, stored as one ``TapeNode`` record, so the sweep reads
/// one stream (measured faster than two with `Dual` values). A wide node is ⌈(k − 1)/2⌉ records
/// of its operands 1…k − 1 (the last one padded with the sink and a zero partial when k − 1 is
/// odd) followed by a header record: its `lhs` is ``TapeStorage/firstOperandMark`` | the number
/// of records below it, its `rhs` operand 0. The sweep reads the header first.
///
/// The records live in the block of ``TapeStorage/partials``, two operands per record, so
/// ``TapeStorage/operandCount`` is twice the records written; the index stream is unused.
/// Static functions on the shared ``TapeStorage``, which picks this format or
/// ``OperandStreams`` by a constant of `Value`: after specialization a call costs nothing.
@usableFromInline
enum PairRecords<Value: ADScalar> {
  @usableFromInline typealias Storage = TapeStorage<Value>

  /// The records of `s`, in the block of its partials.
  @inlinable @inline(__always)
  static func records(_ s: Storage) -> UnsafeMutablePointer<TapeNode<Value>> {
    UnsafeMutableRawPointer(s.partials).assumingMemoryBound(to: TapeNode<Value>.self)
  }

  /// One pooled block for (`capacity` + 1) / 2 records, returned as the storage's block, index
  /// stream (unused), operand capacity and block capacity.
  @inlinable
  static func allocate(
    _ capacity: Int
  ) -> (UnsafeMutablePointer<Value>, UnsafeMutablePointer<UInt32>, Int, Int) {
    let stride = MemoryLayout<Value>.stride, nodeStride = MemoryLayout<TapeNode<Value>>.stride
    let (block, blockCapacity) = BufferPool.allocate(Value.self, count: ((capacity + 1) / 2 * nodeStride + stride - 1) / stride)
    let nodeCapacity = blockCapacity * stride / nodeStride
    UnsafeMutableRawPointer(block).bindMemory(to: TapeNode<Value>.self, capacity: nodeCapacity)
    return (block, UnsafeMutableRawPointer(block).assumingMemoryBound(to: UInt32.self), 2 * nodeCapacity, blockCapacity)
  }

  /// Writes a record with parents `a` and `b` (different nodes) at operand `k`, where room was made.
  @inlinable @inline(__always)
  static func write(_ s: inout Storage, at k: Int, _ a: Int32, _ da: Value, _ b: Int32, _ db: Value) {
    (records(s) + (k &>> 1)).initialize(
      to: TapeNode(lhs: UInt32(truncatingIfNeeded: a), lhsPartial: da, rhs: UInt32(truncatingIfNeeded: b), rhsPartial: db))
    s.operandCount = k &+ 2
  }

  /// Writes operand `j` ≥ 1 of a wide node whose records start at `records`: operands 1, 2, …
  /// fill them in order.
  @inlinable @inline(__always)
  static func write(_ j: Int, records: UnsafeMutablePointer<TapeNode<Value>>, parent: Int32, partial: Value) {
    let record = records + ((j &- 1) &>> 1)
    if (j &- 1) & 1 == 0 {
      record.pointee.lhs = UInt32(truncatingIfNeeded: parent)
      record.pointee.lhsPartial = partial
    } else {
      record.pointee.rhs = UInt32(truncatingIfNeeded: parent)
      record.pointee.rhsPartial = partial
    }
  }

  /// Operand `j` ≥ 1 of the wide node begun at `start`, as written.
  @inlinable @inline(__always)
  static func operand(_ s: Storage, _ j: Int, of start: Int) -> (parent: Int32, partial: Value) {
    let record = records(s) + (start &>> 1) + ((j &- 1) &>> 1)
    return (j &- 1) & 1 == 0
      ? (Int32(truncatingIfNeeded: record.pointee.lhs), record.pointee.lhsPartial)
      : (Int32(truncatingIfNeeded: record.pointee.rhs), record.pointee.rhsPartial)
  }

  /// Closes the wide node begun at `start` with `operands` operands, `head` as operand 0: pads
  /// the last record if needed and writes the header above the records.
  @inlinable @inline(__always)
  static func endWideNode(_ s: inout Storage, start: Int, operands: Int, head: (parent: Int32, partial: Value)) {
    let rest = operands &- 1
    let count = (rest &+ 1) &>> 1
    let first = records(s) + (start &>> 1)
    if rest & 1 != 0 { write(rest &+ 1, records: first, parent: 0, partial: 0) }
    (first + count).initialize(
      to: TapeNode(
        lhs: UInt32(truncatingIfNeeded: count) | Storage.firstOperandMark, lhsPartial: 0,
        rhs: UInt32(truncatingIfNeeded: head.parent), rhsPartial: head.partial))
    s.operandCount = start &+ 2 &* (count &+ 1)
  }

  /// Moves the records of `s` into a new block.
  @inlinable
  static func move(_ s: Storage, to block: UnsafeMutablePointer<Value>) {
    UnsafeMutableRawPointer(block).assumingMemoryBound(to: TapeNode<Value>.self)
      .moveInitialize(from: records(s), count: s.operandCount / 2)
  }

  /// The sweep of this format (see ``TapeStorage/sweep(from:adjoint:)``): node i is the record
  /// i − leadingInputs − 1 unless a wide node takes several.
  @inlinable
  static func sweep(_ s: Storage, from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    let nodes = records(s), leadingInputs = s.leadingInputs, mark = Storage.firstOperandMark
    var i = last
    var node: UnsafeMutablePointer<TapeNode<Value>>
    if s.operandCount &>> 1 == s.count &- 1 &- leadingInputs {
      node = nodes + (last &- leadingInputs &- 1)  // one record per node
    } else {
      // Wide nodes take several records: step over the nodes above `last` from the end.
      node = nodes + ((s.operandCount &>> 1) &- 1)
      var skipped = s.count &- 1
      while skipped > last {
        let l = node.pointee.lhs
        node -= l & mark == 0 ? 1 : Int(l & ~mark) &+ 1
        skipped &-= 1
      }
    }
    var carry: Value = 0
    while i > leadingInputs {
      let a = adjoint[i] + carry
      adjoint[i] = a
      let previous = UInt32(truncatingIfNeeded: i &- 1)
      let l = node.pointee.lhs, r = node.pointee.rhs
      if _slowPath(l & mark != 0) {
        // A wide node's header: operand 0 in `rhs`, the only one tried as the carry (see
        // ``TapeStorage/sweep(from:adjoint:)``), then its records below it.
        let records = Int(l & ~mark)
        carry = 0
        let d0 = node.pointee.rhsPartial * a
        if r == previous { carry = d0 } else { adjoint[Int(r)] += d0 }
        for _ in 0..<records {
          node -= 1
          adjoint[Int(node.pointee.lhs)] += node.pointee.lhsPartial * a
          adjoint[Int(node.pointee.rhs)] += node.pointee.rhsPartial * a
        }
        node -= 1
        i &-= 1
        continue
      }
      let dl = node.pointee.lhsPartial * a, dr = node.pointee.rhsPartial * a
      if l == previous {
        carry = dl
        adjoint[Int(r)] += dr
      } else if r == previous {
        carry = dr
        adjoint[Int(l)] += dl
      } else {
        carry = 0
        adjoint[Int(l)] += dl
        adjoint[Int(r)] += dr
      }
      node -= 1
      i &-= 1
    }
    adjoint[i] += carry
  }
}
