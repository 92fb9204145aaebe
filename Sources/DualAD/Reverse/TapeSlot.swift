import Synchronization

/// The memory a tape's ``TapeStorage`` lives in: a slot that is never freed, with a generation
/// number beside it.
///
/// A ``Variable`` holds a pointer to its tape's storage and the generation it was recorded in.
/// A variable can outlive its tape (kept in a `var` across two `gradient` calls), so the memory
/// it points to must stay valid after the tape ends: slots go back to a pool, never to the
/// system, and each reuse starts a new generation. Before a variable's storage is read or
/// written, its generation is compared with the slot's; a variable from a finished tape fails
/// that test and touches nothing but the generation counter, which is atomic because the slot
/// may by then belong to a tape on another thread. Node buffers, the large memory, are still
/// recycled through ``BufferPool``; slots are a few hundred bytes each, one per tape alive at a
/// time.
///
/// Layout of a slot: the generation (an `Atomic<UInt32>`) at offset 0, the storage at
/// ``storageOffset``. The storage region is bound to `TapeStorage<Value>` for one tape and
/// deinitialized when it ends; its layout does not depend on `Value` (every `Value`-typed field
/// is a pointer), so one pool serves every tape kind.
@usableFromInline
enum TapeSlot {
  /// A slot's address, owned by the pool alone while stored in it.
  struct Slot: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
  }

  /// Where the storage starts: after the generation, aligned for any storage.
  @usableFromInline static let storageOffset = 16
  /// Room for the storage: a test checks that every tape kind's storage fits.
  static let storageCapacity = 240
  static let alignment = 16
  /// The generation of a slot's first tape. Generation 0 is never current, so a zeroed
  /// variable can never pass for a live one.
  static let firstGeneration: UInt32 = 1

  static let free = Mutex<[Slot]>([])

  /// The generation counter of the slot that holds `storage`.
  @inlinable @inline(__always)
  static func generation(ofSlotHolding storage: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Atomic<UInt32>> {
    (storage - storageOffset).assumingMemoryBound(to: Atomic<UInt32>.self)
  }

  /// The current generation of the slot that holds `storage`. Relaxed: only the thread that ends
  /// a tape can hold its variables (they are not `Sendable`), and it sees its own increment.
  @inlinable @inline(__always)
  static func currentGeneration(ofSlotHolding storage: UnsafeMutableRawPointer) -> UInt32 {
    generation(ofSlotHolding: storage).pointee.load(ordering: .relaxed)
  }

  /// A slot for a new tape: its storage region (uninitialized, bound to nothing) and its current
  /// generation.
  @usableFromInline
  static func acquire() -> (storage: UnsafeMutableRawPointer, generation: UInt32) {
    if let slot = free.withLock({ $0.popLast() }) {
      let storage = slot.pointer + storageOffset
      return (storage, currentGeneration(ofSlotHolding: storage))
    }
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: storageOffset + storageCapacity, alignment: alignment)
    pointer.bindMemory(to: Atomic<UInt32>.self, capacity: 1).initialize(to: Atomic(firstGeneration))
    return (pointer + storageOffset, firstGeneration)
  }

  /// Ends the generation of the slot holding `storage`, whose storage is already
  /// deinitialized: every variable recorded in it is stale from now on. A slot whose counter
  /// would wrap around is retired, not reused (a few hundred bytes per 2³² tapes), so a stale
  /// variable can never meet its own generation again.
  @usableFromInline
  static func release(_ storage: UnsafeMutableRawPointer) {
    let counter = generation(ofSlotHolding: storage)
    let ended = counter.pointee.load(ordering: .relaxed)
    guard ended < UInt32.max else { return }
    counter.pointee.store(ended + 1, ordering: .relaxed)
    free.withLock { $0.append(Slot(pointer: storage - storageOffset)) }
  }

  /// Whether the storage of every tape kind `Value` fits a slot.
  static func fits<Value: ADScalar>(_: Value.Type) -> Bool {
    MemoryLayout<TapeStorage<Value>>.size <= storageCapacity
      && MemoryLayout<TapeStorage<Value>>.alignment <= alignment
      && storageOffset % MemoryLayout<TapeStorage<Value>>.alignment == 0
  }
}
