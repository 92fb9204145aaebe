/// One recorded operation: two parents and their local partials.
///
/// Every node but an input has two different parents (one-argument functions only rescale a
/// ``Variable``); an input names node 0, a sink, with partials 0. With Double a node is 24 bytes,
/// 32 with its adjoint.
@frozen @usableFromInline
struct TapeNode<Value: ADScalar> {
  @usableFromInline var lhs: Int32
  @usableFromInline var rhs: Int32
  @usableFromInline var lhsPartial: Value
  @usableFromInline var rhsPartial: Value

  @inlinable
  init(lhs: Int32, lhsPartial: Value, rhs: Int32, rhsPartial: Value) {
    self.lhs = lhs
    self.rhs = rhs
    self.lhsPartial = lhsPartial
    self.rhsPartial = rhsPartial
  }
}

/// The tape's memory: nodes appended while recording, swept once backward.
///
/// The sweep does adjoint[lhs] += lhsPartial·adjoint[i] and adjoint[rhs] += rhsPartial·adjoint[i]
/// for i from the output down to 1. Nodes are stored as one array of 24-byte records rather than
/// four parallel arrays: recording then loads one buffer pointer and stores one record, and the
/// sweep reads one stream (measured faster here for both; see BENCHMARKS.md). The buffer is a raw
/// pointer: recording does no reference counting, no exclusivity check and no copy-on-write check.
@usableFromInline
struct TapeStorage<Value: ADScalar> {
  @usableFromInline var nodes: UnsafeMutablePointer<TapeNode<Value>>
  @usableFromInline var count: Int
  @usableFromInline var capacity: Int
  /// Nodes 1…leadingInputs are inputs recorded before any other node: a sweep stops above them.
  @usableFromInline var leadingInputs: Int
  /// The first misuse seen while recording; operators cannot throw, so the tape remembers it.
  @usableFromInline var misuse: DifferentiationError?

  /// The most nodes this tape holds: ``maximumCount`` except in tests of a full tape.
  @usableFromInline let limit: Int

  /// The most nodes a tape holds: indices are 32-bit.
  @usableFromInline static var maximumCount: Int { Int(Int32.max) }

  @inlinable
  init(capacity: Int, limit: Int = Self.maximumCount) {
    // At least the sink and one node: a full tape overwrites its last node, never the sink.
    self.limit = Swift.max(Swift.min(limit, Self.maximumCount), 2)
    (nodes, self.capacity) = BufferPool.allocate(TapeNode<Value>.self, count: Swift.max(capacity, 16))
    self.capacity = Swift.min(self.capacity, self.limit)
    count = 0
    leadingInputs = 0
    misuse = nil
    // Node 0: the sink that input nodes point at.
    nodes.initialize(to: TapeNode(lhs: 0, lhsPartial: 0, rhs: 0, rhsPartial: 0))
    count = 1
  }

  @inlinable
  func deallocate() {
    nodes.deinitialize(count: count)
    BufferPool.release(nodes, capacity: capacity)
  }

  /// Records an input: a node with no parents.
  @inlinable @inline(__always)
  mutating func recordInput() -> Int32 {
    let isLeading = count == leadingInputs &+ 1
    let i = record(lhs: 0, lhsPartial: 0, rhs: 0, rhsPartial: 0)
    if isLeading { leadingInputs = Int(i) }
    return i
  }

  @inlinable @inline(__always)
  mutating func record(lhs l: Int32, lhsPartial dl: Value, rhs r: Int32, rhsPartial dr: Value) -> Int32 {
    if _slowPath(count == capacity) { grow() }
    let i = count
    (nodes + i).initialize(to: TapeNode(lhs: l, lhsPartial: dl, rhs: r, rhsPartial: dr))
    count = i &+ 1
    return Int32(truncatingIfNeeded: i)
  }

  /// Room for `additional` more nodes without growing in between.
  @usableFromInline
  mutating func reserve(additional: Int) {
    while capacity - count < additional && capacity < limit { grow() }
  }

  @usableFromInline @inline(never)
  mutating func grow() {
    guard capacity < limit else {
      // Keep writing into the last slot so nothing goes out of bounds; the operator throws.
      misuse = misuse ?? .tapeFull(limit: limit)
      count = capacity - 1
      return
    }
    let (new, newCapacity) = BufferPool.allocate(TapeNode<Value>.self, count: Swift.min(capacity * 2, limit))
    new.moveInitialize(from: nodes, count: count)
    BufferPool.release(nodes, capacity: capacity)
    nodes = new
    capacity = Swift.min(newCapacity, limit)
  }

  /// Accumulates adjoints by one backward sweep from node `last` down to the first node that is
  /// not a leading input (inputs have no parents to pass anything to); `adjoint` has `count`
  /// elements, seeded by the caller.
  ///
  /// Most nodes feed the node just before them (a running sum, a chain of products), so the
  /// contribution to node i − 1 is carried in a register rather than stored and reloaded: that
  /// store and load would sit on the critical path, which is then one multiply and one add per
  /// node. A node's two parents differ, so at most one of them is node i − 1. (Skipping the
  /// multiply for a partial of exactly 1 was measured too: no faster at n = 1 000, slower at
  /// 100 000.)
  @inlinable
  func sweep(from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    var i = last
    var carry: Value = 0
    while i > leadingInputs {
      let a = adjoint[i] + carry
      adjoint[i] = a
      let node = nodes[i]
      let previous = Int32(truncatingIfNeeded: i &- 1)
      let l = node.lhsPartial * a, r = node.rhsPartial * a
      if node.lhs == previous {
        carry = l
        adjoint[Int(node.rhs)] += r
      } else if node.rhs == previous {
        carry = r
        adjoint[Int(node.lhs)] += l
      } else {
        carry = 0
        adjoint[Int(node.lhs)] += l
        adjoint[Int(node.rhs)] += r
      }
      i &-= 1
    }
    adjoint[i] += carry
  }
}
