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

/// The tape's memory: each node's parents and local partials, appended while recording and swept
/// once backward.
///
/// On a tape that preaccumulates (see ``preaccumulates``) a node has one to four parents. Its
/// operands, a parent index and the partial ∂node/∂parent, are stored one after the other in two
/// parallel streams, indices and partials, with the first operand of each node marked in the
/// index's top bit; an input recorded before any other node has no operands at all. A node with
/// k parents costs 12k bytes with `Double` (and its adjoint, 8 more, during a sweep): 32 bytes
/// for two parents, 44 for three where two binary nodes would cost 64. On other tapes every node
/// has two parents, stored as one ``TapeNode`` record. The buffers are raw pointers: recording
/// does no reference counting, no exclusivity check and no copy-on-write check.
@usableFromInline
struct TapeStorage<Value: ADScalar> {
  /// The partials, `operandCapacity` of them, followed in the same block by the parent indices.
  @usableFromInline var partials: UnsafeMutablePointer<Value>
  /// Parent indices; ``firstOperandMark`` set on the first operand of each node.
  @usableFromInline var parents: UnsafeMutablePointer<UInt32>
  @usableFromInline var operandCount: Int
  @usableFromInline var operandCapacity: Int
  /// The size of the block, in partials' strides, as the pool handed it out.
  @usableFromInline var blockCapacity: Int
  /// Nodes recorded, node 0 (a sink that empty operands and inputs point at) included.
  @usableFromInline var count: Int
  /// Nodes 1…leadingInputs are inputs recorded before any other node: a sweep stops above them.
  @usableFromInline var leadingInputs: Int
  /// The first misuse seen while recording; operators cannot throw, so the tape remembers it.
  @usableFromInline var misuse: DifferentiationError?

  /// The most nodes this tape holds: ``maximumCount`` except in tests of a full tape.
  @usableFromInline let limit: Int

  /// The most nodes a tape holds: indices are 31-bit, the top bit marks a node's first operand.
  @usableFromInline static var maximumCount: Int { Int(Int32.max) }

  @usableFromInline static var firstOperandMark: UInt32 { 0x8000_0000 }

  /// Whether a ``Variable`` may stay a combination of two nodes, so that nodes have up to four
  /// parents, instead of recording a two-parent node wherever two nodes meet. It pays for values
  /// that are their own primals (`Double`, `Float`); with a ``Dual`` value each partial carried
  /// twice costs a dual multiplication, more than the node it saves (H·v measured 20 % slower).
  /// Without it every swept node has exactly two operands, and the sweep needs no marks.
  @inlinable static var preaccumulates: Bool { MemoryLayout<Value>.size == MemoryLayout<Value.Primal>.size }

  /// The same block as two-parent records, for a tape that does not preaccumulate: its sweep then
  /// reads one stream (measured faster than two with `Dual` values).
  @inlinable var nodes: UnsafeMutablePointer<TapeNode<Value>> {
    UnsafeMutableRawPointer(partials).assumingMemoryBound(to: TapeNode<Value>.self)
  }

  @inlinable
  init(capacity: Int, limit: Int = Self.maximumCount) {
    // At least the sink and one node: a full tape reuses its last node, never the sink.
    self.limit = Swift.max(Swift.min(limit, Self.maximumCount), 2)
    (partials, parents, operandCapacity, blockCapacity) = Self.allocateOperands(Swift.max(capacity, 16))
    operandCount = 0
    count = 1
    leadingInputs = 0
    misuse = nil
  }

  /// One pooled block for `capacity` operands: partials first (aligned for Value), then indices;
  /// or, without preaccumulation, capacity / 2 two-parent records.
  @inlinable
  static func allocateOperands(
    _ capacity: Int
  ) -> (UnsafeMutablePointer<Value>, UnsafeMutablePointer<UInt32>, Int, Int) {
    let stride = MemoryLayout<Value>.stride, indexStride = MemoryLayout<UInt32>.stride
    guard preaccumulates else {
      let nodeStride = MemoryLayout<TapeNode<Value>>.stride
      let (block, blockCapacity) = BufferPool.allocate(Value.self, count: ((capacity + 1) / 2 * nodeStride + stride - 1) / stride)
      let nodeCapacity = blockCapacity * stride / nodeStride
      UnsafeMutableRawPointer(block).bindMemory(to: TapeNode<Value>.self, capacity: nodeCapacity)
      // No index stream: `parents` is unused on such a tape.
      return (block, UnsafeMutableRawPointer(block).assumingMemoryBound(to: UInt32.self), 2 * nodeCapacity, blockCapacity)
    }
    // Up to indexStride − 1 bytes of padding keep the indices aligned after the partials.
    let bytes = capacity * (stride + indexStride) + indexStride - 1
    let (block, blockCapacity) = BufferPool.allocate(Value.self, count: (bytes + stride - 1) / stride)
    let operands = (blockCapacity * stride - (indexStride - 1)) / (stride + indexStride)
    let offset = (operands * stride + indexStride - 1) / indexStride * indexStride
    let indices = (UnsafeMutableRawPointer(block) + offset).bindMemory(to: UInt32.self, capacity: operands)
    return (block, indices, operands, blockCapacity)
  }

  @inlinable
  func deallocate() {
    // Partials are only ever trivial values written in place; the block goes back as raw memory.
    BufferPool.release(partials, capacity: blockCapacity)
  }

  /// Where the next node's `n` operands go: the operand count, after making room for them.
  /// One test and one out-of-line call per record, so that the recording code inlined into
  /// every arithmetic operation stays small.
  @inlinable @inline(__always)
  mutating func room(for n: Int) -> Int {
    // One test for both: the operands fit and the node count is below the limit.
    if _slowPath((operandCapacity &- operandCount &- n) | (limit &- 1 &- count) < 0) { makeRoom(for: n) }
    return operandCount
  }

  /// Grows the operand streams, or, on a full tape, remembers the misuse and makes the next node
  /// reuse the last index and the first operands: the tape is then never swept, since every
  /// operator throws, and nothing is written out of bounds.
  @inlinable @inline(never)
  mutating func makeRoom(for n: Int) {
    if count >= limit {
      remember(.tapeFull(limit: limit))
      count = limit &- 1
      operandCount = 0
    }
    if operandCount &+ n > operandCapacity { grow(by: n) }
  }

  /// Remembers that values of two live tapes met (out of line, like ``makeRoom(for:)``).
  @inlinable @inline(never)
  static func markMixed(_ x: UnsafeMutablePointer<Self>, _ y: UnsafeMutablePointer<Self>) {
    x.pointee.remember(.mixedTapes)
    y.pointee.remember(.mixedTapes)
  }

  /// Keeps the first misuse: the one the operators report.
  @inlinable
  mutating func remember(_ error: DifferentiationError) {
    misuse = misuse ?? error
  }

  /// The index of a node whose operands were just written.
  @inlinable @inline(__always)
  mutating func nextNode() -> Int32 {
    let i = count
    count = i &+ 1
    return Int32(truncatingIfNeeded: i)
  }

  /// Records an input: a node whose operands are the sink, unless it precedes every other node.
  @inlinable @inline(__always)
  mutating func recordInput() -> Int32 {
    guard count == leadingInputs &+ 1, count < limit else {
      return Self.preaccumulates ? record(0, 0) : record(0, 0, 0, 0)
    }
    leadingInputs = count
    return nextNode()
  }

  /// Records a node with parents `a` and `b` (different nodes) and partials `da`, `db`.
  @inlinable @inline(__always)
  mutating func record(_ a: Int32, _ da: Value, _ b: Int32, _ db: Value) -> Int32 {
    let k = room(for: 2)
    guard Self.preaccumulates else {
      (nodes + (k &>> 1)).initialize(
        to: TapeNode(lhs: UInt32(truncatingIfNeeded: a), lhsPartial: da, rhs: UInt32(truncatingIfNeeded: b), rhsPartial: db))
      operandCount = k &+ 2
      return nextNode()
    }
    parents[k] = UInt32(truncatingIfNeeded: a) | Self.firstOperandMark
    parents[k &+ 1] = UInt32(truncatingIfNeeded: b)
    (partials + k).initialize(to: da)
    (partials + (k &+ 1)).initialize(to: db)
    operandCount = k &+ 2
    return nextNode()
  }

  /// Records a node with three different parents.
  @inlinable @inline(__always)
  mutating func record(_ a: Int32, _ da: Value, _ b: Int32, _ db: Value, _ c: Int32, _ dc: Value) -> Int32 {
    let k = room(for: 3)
    parents[k] = UInt32(truncatingIfNeeded: a) | Self.firstOperandMark
    parents[k &+ 1] = UInt32(truncatingIfNeeded: b)
    parents[k &+ 2] = UInt32(truncatingIfNeeded: c)
    (partials + k).initialize(to: da)
    (partials + (k &+ 1)).initialize(to: db)
    (partials + (k &+ 2)).initialize(to: dc)
    operandCount = k &+ 3
    return nextNode()
  }

  /// Records a node with four different parents.
  @inlinable @inline(__always)
  mutating func record(
    _ a: Int32, _ da: Value, _ b: Int32, _ db: Value, _ c: Int32, _ dc: Value, _ d: Int32, _ dd: Value
  ) -> Int32 {
    let k = room(for: 4)
    parents[k] = UInt32(truncatingIfNeeded: a) | Self.firstOperandMark
    parents[k &+ 1] = UInt32(truncatingIfNeeded: b)
    parents[k &+ 2] = UInt32(truncatingIfNeeded: c)
    parents[k &+ 3] = UInt32(truncatingIfNeeded: d)
    (partials + k).initialize(to: da)
    (partials + (k &+ 1)).initialize(to: db)
    (partials + (k &+ 2)).initialize(to: dc)
    (partials + (k &+ 3)).initialize(to: dd)
    operandCount = k &+ 4
    return nextNode()
  }

  /// Records a node with one parent: an input recorded after other nodes points at the sink.
  @inlinable @inline(__always)
  mutating func record(_ a: Int32, _ da: Value) -> Int32 {
    let k = room(for: 1)
    parents[k] = UInt32(truncatingIfNeeded: a) | Self.firstOperandMark
    (partials + k).initialize(to: da)
    operandCount = k &+ 1
    return nextNode()
  }

  // MARK: Nodes with any number of parents

  /// Begins a node of at most `n` operands, written by ``setOperand(_:of:parent:partial:)`` at
  /// positions 1, 2, … and closed by ``endWideNode(start:written:first:)``: the start of its
  /// operands. Position 0 is written last, so that the operand the sweep carries in a register
  /// (the node just before) can go first.
  @inlinable @inline(__always)
  mutating func beginWideNode(operands n: Int) -> Int {
    // Two more: a tape without preaccumulation adds a header record and maybe one padding operand.
    room(for: n &+ 2)
  }

  /// Writes operand `j` ≥ 1 of the node begun at `start`. On a tape without preaccumulation,
  /// operands 1, 2, … fill two-parent records from `start / 2` on.
  @inlinable @inline(__always)
  mutating func setOperand(_ j: Int, of start: Int, parent: Int32, partial: Value) {
    Self.write(
      j, parents: parents + start, partials: partials + start, records: nodes + (start &>> 1),
      parent: parent, partial: partial)
  }

  /// Writes operand `j` ≥ 1 of a node whose operands start at `parents` and `partials` (on a
  /// tape that preaccumulates) or whose records start at `records` (on one that does not).
  @inlinable @inline(__always)
  static func write(
    _ j: Int, parents: UnsafeMutablePointer<UInt32>, partials: UnsafeMutablePointer<Value>,
    records: UnsafeMutablePointer<TapeNode<Value>>, parent: Int32, partial: Value
  ) {
    guard preaccumulates else {
      let record = records + ((j &- 1) &>> 1)
      if (j &- 1) & 1 == 0 {
        record.pointee.lhs = UInt32(truncatingIfNeeded: parent)
        record.pointee.lhsPartial = partial
      } else {
        record.pointee.rhs = UInt32(truncatingIfNeeded: parent)
        record.pointee.rhsPartial = partial
      }
      return
    }
    parents[j] = UInt32(truncatingIfNeeded: parent)
    (partials + j).initialize(to: partial)
  }

  /// Operand `j` ≥ 1 of the node begun at `start`, as written.
  @inlinable @inline(__always)
  func operand(_ j: Int, of start: Int) -> (parent: Int32, partial: Value) {
    guard Self.preaccumulates else {
      let record = nodes + (start &>> 1) + ((j &- 1) &>> 1)
      return (j &- 1) & 1 == 0
        ? (Int32(truncatingIfNeeded: record.pointee.lhs), record.pointee.lhsPartial)
        : (Int32(truncatingIfNeeded: record.pointee.rhs), record.pointee.rhsPartial)
    }
    return (Int32(truncatingIfNeeded: parents[start &+ j]), partials[start &+ j])
  }

  /// Closes the node begun at `start` with operands 1…`written` and, as operand 0, `first` (or,
  /// when nil, operand `written` moved there): its index. Operands must name different nodes.
  ///
  /// On a tape that preaccumulates the node is the usual run of operands. Otherwise it is
  /// ⌈(k − 1)/2⌉ two-parent records (the last one padded with the sink and a zero partial when
  /// k − 1 is odd) followed by a header record: its `lhs` is ``firstOperandMark`` | the number
  /// of records below it, its `rhs` operand 0. The sweep reads the header first.
  @inlinable
  mutating func endWideNode(start: Int, written: Int, first: (parent: Int32, partial: Value)?) -> Int32 {
    var operands = written
    let head: (parent: Int32, partial: Value)
    if let first {
      head = first
      operands &+= 1
    } else {
      head = operand(written, of: start)
    }
    guard Self.preaccumulates else {
      let rest = operands &- 1
      let records = (rest &+ 1) &>> 1
      if rest & 1 != 0 { setOperand(rest &+ 1, of: start, parent: 0, partial: 0) }
      (nodes + (start &>> 1) + records).initialize(
        to: TapeNode(
          lhs: UInt32(truncatingIfNeeded: records) | Self.firstOperandMark, lhsPartial: 0,
          rhs: UInt32(truncatingIfNeeded: head.parent), rhsPartial: head.partial))
      operandCount = start &+ 2 &* (records &+ 1)
      return nextNode()
    }
    parents[start] = UInt32(truncatingIfNeeded: head.parent) | Self.firstOperandMark
    (partials + start).initialize(to: head.partial)
    operandCount = start &+ operands
    return nextNode()
  }

  /// Doubles the operand streams (at least `needed` more), copying both into one new block.
  @inlinable
  mutating func grow(by needed: Int) {
    let old = nodes
    let (newPartials, newParents, newCapacity, newBlock) =
      Self.allocateOperands(Swift.max(operandCapacity * 2, operandCount + needed))
    if Self.preaccumulates {
      newPartials.moveInitialize(from: partials, count: operandCount)
      newParents.moveInitialize(from: parents, count: operandCount)
    } else {
      UnsafeMutableRawPointer(newPartials).assumingMemoryBound(to: TapeNode<Value>.self)
        .moveInitialize(from: old, count: operandCount / 2)
    }
    BufferPool.release(partials, capacity: blockCapacity)
    (partials, parents, operandCapacity, blockCapacity) = (newPartials, newParents, newCapacity, newBlock)
  }

  /// Accumulates adjoints by one backward sweep from node `last` down to the first node that is
  /// not a leading input (inputs have no parents to pass anything to); `adjoint` has `count`
  /// elements, seeded by the caller.
  ///
  /// For each node i, adjoint[p] += (∂i/∂p)·adjoint[i] for each parent p. Most nodes feed the
  /// node just before them (a running sum, a chain of products), so the contribution to node
  /// i − 1 is carried in a register rather than stored and reloaded: that store and load would
  /// sit on the critical path. A node's parents differ, so at most one of them is node i − 1.
  @inlinable
  func sweep(from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    guard last > leadingInputs else { return }
    guard Self.preaccumulates else { return sweepPairs(from: last, adjoint: adjoint) }
    var k = operandCount
    // Step over the operands of nodes above `last` (outputs need not be the last nodes).
    var skipped = count &- 1
    while skipped > last {
      repeat { k &-= 1 } while parents[k] & Self.firstOperandMark == 0
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
      // straight-line code without the per-operand loop test. Only the first operand is tried as
      // the carry, since `running + statement` records the running value first; a contribution
      // to node i − 1 stored rather than carried is as right, only slower.
      if k >= 3, parents[k &- 3] & Self.firstOperandMark != 0, (parents[k &- 2] | parents[k &- 1]) & Self.firstOperandMark == 0 {
        k &-= 3
        let p0 = parents[k] & ~Self.firstOperandMark, p1 = parents[k &+ 1], p2 = parents[k &+ 2]
        let c0 = partials[k] * a
        adjoint[Int(p1)] += partials[k &+ 1] * a
        adjoint[Int(p2)] += partials[k &+ 2] * a
        if p0 == previous { carry = c0 } else { adjoint[Int(p0)] += c0 }
        i &-= 1
        continue
      }
      var parent: UInt32
      repeat {
        k &-= 1
        parent = parents[k]
        let p = parent & ~Self.firstOperandMark
        let contribution = partials[k] * a
        if p == previous { carry = contribution } else { adjoint[Int(p)] += contribution }
      } while parent & Self.firstOperandMark == 0
      i &-= 1
    }
    adjoint[i] += carry
  }

  /// The sweep of a tape that does not preaccumulate: node i is the record
  /// i − leadingInputs − 1.
  @inlinable
  func sweepPairs(from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    var i = last
    var node: UnsafeMutablePointer<TapeNode<Value>>
    if operandCount &>> 1 == count &- 1 &- leadingInputs {
      node = nodes + (last &- leadingInputs &- 1)  // one record per node
    } else {
      // Wide nodes take several records: step over the nodes above `last` from the end.
      node = nodes + ((operandCount &>> 1) &- 1)
      var skipped = count &- 1
      while skipped > last {
        let l = node.pointee.lhs
        node -= l & Self.firstOperandMark == 0 ? 1 : Int(l & ~Self.firstOperandMark) &+ 1
        skipped &-= 1
      }
    }
    var carry: Value = 0
    while i > leadingInputs {
      let a = adjoint[i] + carry
      adjoint[i] = a
      let previous = UInt32(truncatingIfNeeded: i &- 1)
      let l = node.pointee.lhs, r = node.pointee.rhs
      if _slowPath(l & Self.firstOperandMark != 0) {
        // A wide node's header: operand 0 in `rhs`, then its records below it.
        let records = Int(l & ~Self.firstOperandMark)
        carry = 0
        let d0 = node.pointee.rhsPartial * a
        if r == previous { carry = d0 } else { adjoint[Int(r)] += d0 }
        for _ in 0..<records {
          node -= 1
          let p = node.pointee.lhs, q = node.pointee.rhs
          let dp = node.pointee.lhsPartial * a, dq = node.pointee.rhsPartial * a
          if p == previous { carry = dp } else { adjoint[Int(p)] += dp }
          if q == previous { carry = dq } else { adjoint[Int(q)] += dq }
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
