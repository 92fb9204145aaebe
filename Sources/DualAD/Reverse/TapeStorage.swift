/// The tape's memory: a struct of arrays, appended to while recording and swept once.
///
/// Node i has two parents and their local partials: adjoint[lhs] += lhsPartial·adjoint[i],
/// adjoint[rhs] += rhsPartial·adjoint[i]. A unary node names itself as its second parent with
/// partial 0 (a write nobody reads, and no dependency chain between nodes); an input node
/// names node 0, a sink. So the sweep has no branch. With Double that is 24 bytes a node,
/// 32 with the adjoint. The buffers are raw pointers: recording does no reference counting,
/// no exclusivity check and no copy-on-write check.
@usableFromInline
struct TapeStorage<Value: ADScalar> {
  @usableFromInline var lhs: UnsafeMutablePointer<Int32>
  @usableFromInline var rhs: UnsafeMutablePointer<Int32>
  @usableFromInline var lhsPartial: UnsafeMutablePointer<Value>
  @usableFromInline var rhsPartial: UnsafeMutablePointer<Value>
  @usableFromInline var count: Int
  @usableFromInline var capacity: Int
  /// The first misuse seen while recording; operators cannot throw, so the tape remembers it.
  @usableFromInline var misuse: DifferentiationError?

  /// The most nodes a tape holds: indices are 32-bit.
  @usableFromInline static var maximumCount: Int { Int(Int32.max) }

  init(capacity: Int) {
    let capacity = Swift.max(capacity, 16)
    lhs = .allocate(capacity: capacity)
    rhs = .allocate(capacity: capacity)
    lhsPartial = .allocate(capacity: capacity)
    rhsPartial = .allocate(capacity: capacity)
    self.capacity = capacity
    count = 0
    misuse = nil
    // Node 0: the sink that input nodes point at.
    _ = record(lhs: 0, lhsPartial: 0, rhs: 0, rhsPartial: 0)
  }

  func deallocate() {
    lhsPartial.deinitialize(count: count)
    lhsPartial.deallocate()
    rhsPartial.deinitialize(count: count)
    rhsPartial.deallocate()
    lhs.deallocate()
    rhs.deallocate()
  }

  @inlinable
  mutating func record(lhs l: Int32, lhsPartial dl: Value, rhs r: Int32, rhsPartial dr: Value) -> Int32 {
    if _slowPath(count == capacity) { grow() }
    let i = count
    (lhs + i).initialize(to: l)
    (rhs + i).initialize(to: r)
    (lhsPartial + i).initialize(to: dl)
    (rhsPartial + i).initialize(to: dr)
    count = i &+ 1
    return Int32(truncatingIfNeeded: i)
  }

  /// A node with one parent: the second slot names the node itself with partial 0.
  @inlinable
  mutating func record(parent p: Int32, partial d: Value) -> Int32 {
    record(lhs: p, lhsPartial: d, rhs: Int32(truncatingIfNeeded: count), rhsPartial: 0)
  }

  @usableFromInline @inline(never)
  mutating func grow() {
    guard capacity < Self.maximumCount else {
      // Keep writing into the last slots so nothing goes out of bounds; the operator throws.
      misuse = misuse ?? .tapeFull(limit: Self.maximumCount)
      count = capacity - 1
      return
    }
    let newCapacity = Swift.min(capacity * 2, Self.maximumCount)
    lhs = Self.moved(lhs, count: count, to: newCapacity)
    rhs = Self.moved(rhs, count: count, to: newCapacity)
    lhsPartial = Self.moved(lhsPartial, count: count, to: newCapacity)
    rhsPartial = Self.moved(rhsPartial, count: count, to: newCapacity)
    capacity = newCapacity
  }

  static func moved<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
    let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
    new.moveInitialize(from: old, count: count)
    old.deallocate()
    return new
  }

  /// Adds `seed`-weighted adjoints into `adjoint` (length `count`, seeded by the caller) by
  /// one backward sweep from node `last` down to node 1.
  @inlinable
  func sweep(from last: Int, adjoint: UnsafeMutablePointer<Value>) {
    var i = last
    while i > 0 {
      let a = adjoint[i]
      adjoint[Int(lhs[i])] += lhsPartial[i] * a
      adjoint[Int(rhs[i])] += rhsPartial[i] * a
      i &-= 1
    }
  }
}
