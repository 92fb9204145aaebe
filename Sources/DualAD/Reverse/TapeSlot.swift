import Synchronization

/// The memory a tape's ``TapeStorage`` lives in: a slot that is never freed.
///
/// A ``Variable`` refers to its tape by a ``TapeHandle``: the slot's address and the generation
/// it was recorded in. A variable can outlive its tape (kept in a `var` across two `gradient`
/// calls), so the memory it points to must stay valid after the tape ends: slots go back to a
/// pool, never to the system, and each reuse starts a new generation. Before a variable's
/// storage is read or written, its handle is compared with the slot's current handle; a
/// variable from a finished tape fails that test and touches nothing but that word, which is
/// atomic because the slot may by then belong to a tape on another thread. Node buffers, the
/// large memory, are still recycled through ``BufferPool``; slots are 256 bytes each, one per
/// tape alive at a time, plus one retired per 2²⁰ tapes that reused it.
///
/// Layout of a slot: the current handle (atomic; 0 while the slot is in the pool) at offset 0,
/// the generation last handed out at offset 8, the storage at ``storageOffset``. The storage
/// region is bound to `TapeStorage<Value>` for one tape and deinitialized when it ends; its
/// layout does not depend on `Value` (every `Value`-typed field is a pointer), so one pool
/// serves every tape kind.
@usableFromInline
enum TapeSlot {
  /// A slot's address, owned by the pool alone while stored in it.
  struct Slot: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
  }

  /// Where the storage starts. Computed, not stored: a stored static is reached through a
  /// lazy-initialization check on every record.
  @inlinable static var storageOffset: Int { 16 }
  /// Room for the storage: a test checks that every tape kind's storage fits.
  @inlinable static var storageCapacity: Int { 240 }
  @inlinable static var alignment: Int { 16 }

  static let free = Mutex<[Slot]>([])
  /// Slots retired after their last generation: kept, because stale variables may still point
  /// at them, and listed, so that they stay reachable (a leak checker sees no pointer in a
  /// packed handle). 8 bytes per 2²⁰ tapes.
  static let retiredSlots = Mutex<[Slot]>([])
  /// How many slots were retired (observable for tests).
  static let retired = Atomic<Int>(0)

  @inlinable @inline(__always)
  static func current(_ slot: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Atomic<UInt64>> {
    slot.assumingMemoryBound(to: Atomic<UInt64>.self)
  }

  static func lastGeneration(_ slot: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Int> {
    (slot + 8).assumingMemoryBound(to: Int.self)
  }

  /// The handle the slot's tape is alive in, or 0 while it is in the pool. Relaxed: handles of
  /// one slot never repeat, so any value read either is the variable's own (read by the thread
  /// that owns the tape, which wrote it) or differs from it.
  @inlinable @inline(__always)
  static func currentHandle(of slot: UnsafeMutableRawPointer) -> UInt64 {
    current(slot).pointee.load(ordering: .relaxed)
  }

  /// A slot for a new tape: its storage region (uninitialized, bound to nothing) and the handle
  /// of its new generation.
  @usableFromInline
  static func acquire() -> (storage: UnsafeMutableRawPointer, handle: TapeHandle) {
    let slot: UnsafeMutableRawPointer
    if let reused = free.withLock({ $0.popLast() }) {
      slot = reused.pointer
      lastGeneration(slot).pointee += 1
    } else {
      slot = .allocate(byteCount: storageOffset + storageCapacity, alignment: alignment)
      // Every allocator Swift runs on returns user-space addresses below 2⁴⁸.
      precondition(TapeHandle.canPack(slot), "a tape slot's address does not fit in 48 bits")
      slot.bindMemory(to: Atomic<UInt64>.self, capacity: 1).initialize(to: Atomic(0))
      (slot + 8).bindMemory(to: Int.self, capacity: 1).initialize(to: 0)
    }
    let handle = TapeHandle(slot: slot, generation: lastGeneration(slot).pointee)
    current(slot).pointee.store(handle.bits, ordering: .relaxed)
    return (slot + storageOffset, handle)
  }

  /// Ends the generation of `handle`'s slot, whose storage is already deinitialized: every
  /// variable recorded in it is stale from now on. A slot in its last generation is retired.
  @usableFromInline
  static func release(_ handle: TapeHandle) {
    let slot = handle.slot
    current(slot).pointee.store(0, ordering: .relaxed)
    guard isReusable(afterGeneration: lastGeneration(slot).pointee) else {
      retiredSlots.withLock { $0.append(Slot(pointer: slot)) }
      retired.add(1, ordering: .relaxed)
      return
    }
    free.withLock { $0.append(Slot(pointer: slot)) }
  }

  /// Whether a slot whose last generation was `generation` may start another.
  static func isReusable(afterGeneration generation: Int) -> Bool {
    generation + 1 < TapeHandle.generationCount
  }

  /// Whether the storage of every tape kind `Value` fits a slot.
  @inlinable
  static func fits<Value: ADScalar>(_: Value.Type) -> Bool {
    MemoryLayout<TapeStorage<Value>>.size <= storageCapacity
      && MemoryLayout<TapeStorage<Value>>.alignment <= alignment
      && storageOffset % MemoryLayout<TapeStorage<Value>>.alignment == 0
  }
}
