/// One recorded operation: two parents and their local partials.
///
/// A unary node names itself as its second parent with partial 0 (a write nobody reads, and no
/// dependency between neighbouring nodes); an input node names node 0, a sink. So the sweep has
/// no branch. With Double a node is 24 bytes, 32 with its adjoint.
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
  /// The first misuse seen while recording; operators cannot throw, so the tape remembers it.
  @usableFromInline var misuse: DifferentiationError?

  /// The most nodes a tape holds: indices are 32-bit.
  @usableFromInline static var maximumCount: Int { Int(Int32.max) }

  init(capacity: Int) {
    let capacity = Swift.max(capacity, 16)
    nodes = .allocate(capacity: capacity)
    self.capacity = capacity
    count = 0
    misuse = nil
    // Node 0: the sink that input nodes point at.
    _ = record(lhs: 0, lhsPartial: 0, rhs: 0, rhsPartial: 0)
  }

  func deallocate() {
    nodes.deinitialize(count: count)
    nodes.deallocate()
  }

  @inlinable @inline(__always)
  mutating func record(lhs l: Int32, lhsPartial dl: Value, rhs r: Int32, rhsPartial dr: Value) -> Int32 {
    if _slowPath(count == capacity) { grow() }
    let i = count
    (nodes + i).initialize(to: TapeNode(lhs: l, lhsPartial: dl, rhs: r, rhsPartial: dr))
    count = i &+ 1
    return Int32(truncatingIfNeeded: i)
  }

  /// A node with one parent: the second slot names the node itself with partial 0.
  @inlinable @inline(__always)
  mutating func record(parent p: Int32, partial d: Value) -> Int32 {
    record(lhs: p, lhsPartial: d, rhs: Int32(truncatingIfNeeded: count), rhsPartial: 0)
  }

  @usableFromInline @inline(never)
  mutating func grow() {
    guard capacity < Self.maximumCount else {
      // Keep writing into the last slot so nothing goes out of bounds; the operator throws.
      misuse = misuse ?? .tapeFull(limit: Self.maximumCount)
      count = capacity - 1
      return
    }
    let newCapacity = Swift.min(capacity * 2, Self.maximumCount)
    let new = UnsafeMutablePointer<TapeNode<Value>>.allocate(capacity: newCapacity)
    new.moveInitialize(from: nodes, count: count)
    nodes.deallocate()
    nodes = new
    capacity = newCapacity
  }

  /// Accumulates adjoints by one backward sweep from node `last` down to node 1;
  /// `adjoint` has `count` elements, seeded by the caller.
  @inlinable
  func sweep(from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    var i = last
    while i > 0 {
      let a = adjoint[i]
      let node = nodes[i]
      adjoint[Int(node.lhs)] += node.lhsPartial * a
      adjoint[Int(node.rhs)] += node.rhsPartial * a
      i &-= 1
    }
  }
}
