/// The tape's memory: each node's parents and local partials, appended while recording and swept
/// once backward.
///
/// This type holds what both tape formats share: the node count, the leading inputs, the first
/// misuse, the node limit and one pooled block of operands. What the block holds depends on
/// ``preaccumulates``: the operand streams of ``OperandStreams`` or the two-parent records of
/// ``PairRecords``. Every method picks the format by that flag, a constant of `Value`, so after
/// specialization only one format's code is left. The buffers are raw pointers: recording does
/// no reference counting, no exclusivity check and no copy-on-write check.
@usableFromInline
struct TapeStorage<Value: ADScalar> {
  /// The start of the block: the partials, `operandCapacity` of them, followed by the parent
  /// indices (``OperandStreams``), or the two-parent records (``PairRecords``).
  @usableFromInline var partials: UnsafeMutablePointer<Value>
  /// Parent indices; ``firstOperandMark`` set on the first operand of each node. Unused by
  /// ``PairRecords``.
  @usableFromInline var parents: UnsafeMutablePointer<UInt32>
  @usableFromInline var operandCount: Int
  @usableFromInline var operandCapacity: Int
  /// Operands fit below this bound without a test of the node limit: min(operandCapacity,
  /// operandCount + limit − count). Every node recorded through ``room(for:)`` has an operand,
  /// so room for its operands below the bound is also room for the node (see ``updateOperandBound()``).
  @usableFromInline var operandBound: Int
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

  /// The most nodes a tape holds: indices are 31-bit, the top bit marks a node's first operand
  /// (``OperandStreams``) or a wide node's header (``PairRecords``).
  @usableFromInline static var maximumCount: Int { Int(Int32.max) }

  @usableFromInline static var firstOperandMark: UInt32 { 0x8000_0000 }

  /// Whether a ``Variable`` may stay a combination of two nodes, so that nodes have up to four
  /// parents, instead of recording a two-parent node wherever two nodes meet: the format of
  /// ``OperandStreams`` rather than ``PairRecords``. It pays for values that are their own
  /// primals (`Double`, `Float`); with a ``Dual`` value each partial carried twice costs a dual
  /// multiplication, more than the node it saves (H·v measured 20 % slower).
  @inlinable static var preaccumulates: Bool { MemoryLayout<Value>.size == MemoryLayout<Value.Primal>.size }

  @inlinable
  init(capacity: Int, limit: Int = Self.maximumCount) {
    // At least the sink and one node: a full tape reuses its last node, never the sink.
    self.limit = Swift.max(Swift.min(limit, Self.maximumCount), 2)
    (partials, parents, operandCapacity, blockCapacity) = Self.allocateOperands(Swift.max(capacity, 16))
    operandCount = 0
    count = 1
    leadingInputs = 0
    misuse = nil
    operandBound = 0
    updateOperandBound()
  }

  /// Sets ``operandBound`` after a change that ``room(for:)`` does not make: a new block, a full
  /// tape, inputs numbered without operands. A record keeps the bound valid by itself: with
  /// m ≥ 1 operands it lowers operandCount + limit − count by m − 1 ≥ 0.
  @inlinable
  mutating func updateOperandBound() {
    operandBound = Swift.min(operandCapacity, operandCount &+ (limit &- count))
  }

  /// One pooled block for `capacity` operands in this tape's format.
  @inlinable
  static func allocateOperands(
    _ capacity: Int
  ) -> (UnsafeMutablePointer<Value>, UnsafeMutablePointer<UInt32>, Int, Int) {
    preaccumulates ? OperandStreams.allocate(capacity) : PairRecords.allocate(capacity)
  }

  @inlinable
  func deallocate() {
    // Partials are only ever trivial values written in place; the block goes back as raw memory.
    BufferPool.release(partials, capacity: blockCapacity)
  }

  /// Where the next node's `n` ≥ 1 operands go: the operand count, after making room for them
  /// and for the node. One test and one out-of-line call per record, so that the recording code
  /// inlined into every arithmetic operation stays small.
  @inlinable @inline(__always)
  mutating func room(for n: Int) -> Int {
    // Below the bound, n ≥ 1 also leaves count < limit.
    if _slowPath(operandCount &+ n > operandBound) { makeRoom(for: n) }
    return operandCount
  }

  /// Grows the block, or, on a full tape, remembers the misuse and makes the next node reuse
  /// the last index and the first operands: the tape is then never swept, since every operator
  /// throws, and nothing is written out of bounds.
  @inlinable @inline(never)
  mutating func makeRoom(for n: Int) {
    if count >= limit {
      remember(.tapeFull(limit: limit))
      count = limit &- 1
      operandCount = 0
    }
    if operandCount &+ n > operandCapacity { grow(by: n) }
    updateOperandBound()
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
    defer { updateOperandBound() }
    return nextNode()
  }

  /// Records a node with parents `a` and `b` (different nodes) and partials `da`, `db`.
  @inlinable @inline(__always)
  mutating func record(_ a: Int32, _ da: Value, _ b: Int32, _ db: Value) -> Int32 {
    let k = room(for: 2)
    if Self.preaccumulates {
      OperandStreams.write(&self, at: k, a, da, b, db)
    } else {
      PairRecords.write(&self, at: k, a, da, b, db)
    }
    return nextNode()
  }

  /// Records a node with three different parents (a tape that preaccumulates).
  @inlinable @inline(__always)
  mutating func record(_ a: Int32, _ da: Value, _ b: Int32, _ db: Value, _ c: Int32, _ dc: Value) -> Int32 {
    let k = room(for: 3)
    OperandStreams.write(&self, at: k, a, da, b, db, c, dc)
    return nextNode()
  }

  /// Records a node with four different parents (a tape that preaccumulates).
  @inlinable @inline(__always)
  mutating func record(
    _ a: Int32, _ da: Value, _ b: Int32, _ db: Value, _ c: Int32, _ dc: Value, _ d: Int32, _ dd: Value
  ) -> Int32 {
    let k = room(for: 4)
    OperandStreams.write(&self, at: k, a, da, b, db, c, dc, d, dd)
    return nextNode()
  }

  /// Records a node with one parent (a tape that preaccumulates): an input recorded after other
  /// nodes points at the sink.
  @inlinable @inline(__always)
  mutating func record(_ a: Int32, _ da: Value) -> Int32 {
    let k = room(for: 1)
    OperandStreams.write(&self, at: k, a, da)
    return nextNode()
  }

  // MARK: Nodes with any number of parents

  /// Begins a node of at most `n` operands, written at positions 1, 2, … (``write(_:parents:partials:records:parent:partial:)``)
  /// and closed by ``endWideNode(start:operands:)``: the start of its operands.
  @inlinable @inline(__always)
  mutating func beginWideNode(operands n: Int) -> Int {
    // Two more: ``PairRecords`` adds a header record and maybe one padding operand.
    room(for: n &+ 2)
  }

  /// Writes operand `j` ≥ 1 of a node whose operands start at `parents` and `partials` (on a
  /// tape that preaccumulates) or whose records start at `records` (on one that does not).
  @inlinable @inline(__always)
  static func write(
    _ j: Int, parents: UnsafeMutablePointer<UInt32>, partials: UnsafeMutablePointer<Value>,
    records: UnsafeMutablePointer<TapeNode<Value>>, parent: Int32, partial: Value
  ) {
    if preaccumulates {
      OperandStreams.write(j, parents: parents, partials: partials, parent: parent, partial: partial)
    } else {
      PairRecords.write(j, records: records, parent: parent, partial: partial)
    }
  }

  /// Operand `j` ≥ 1 of the node begun at `start`, as written.
  @inlinable @inline(__always)
  func operand(_ j: Int, of start: Int) -> (parent: Int32, partial: Value) {
    Self.preaccumulates ? OperandStreams.operand(self, j, of: start) : PairRecords.operand(self, j, of: start)
  }

  /// Closes the node begun at `start` with operands 1…`operands`, the last one moved to
  /// position 0, where the sweep tries it as the carry to node i − 1 (the last term of a
  /// reduction is the likeliest to be the node just before): its index. A node may appear in
  /// several operands.
  @inlinable
  mutating func endWideNode(start: Int, operands: Int) -> Int32 {
    let head = operand(operands, of: start)
    if Self.preaccumulates {
      OperandStreams.endWideNode(&self, start: start, operands: operands, head: head)
    } else {
      PairRecords.endWideNode(&self, start: start, operands: operands, head: head)
    }
    return nextNode()
  }

  /// Doubles the block (at least `needed` more operands), moving the operands into a new one.
  @inlinable
  mutating func grow(by needed: Int) {
    let (newPartials, newParents, newCapacity, newBlock) =
      Self.allocateOperands(Swift.max(operandCapacity * 2, operandCount + needed))
    if Self.preaccumulates {
      OperandStreams.move(self, to: newPartials, newParents)
    } else {
      PairRecords.move(self, to: newPartials)
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
  /// sit on the critical path. Only a node's first operand is tried as the carry: `running +
  /// statement` records the running value first, and a reduction puts its last term there. A
  /// contribution to node i − 1 from another operand is stored, as right, only slower; so a
  /// node may name a parent more than once, and recording need not compare each parent with
  /// node i − 1.
  @inlinable
  func sweep(from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    guard last > leadingInputs else { return }
    if Self.preaccumulates {
      OperandStreams.sweep(self, from: last, adjoint: adjoint)
    } else {
      PairRecords.sweep(self, from: last, adjoint: adjoint)
    }
  }
}
