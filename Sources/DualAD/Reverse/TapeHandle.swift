/// A variable's reference to its tape: the address of the tape's slot (see ``TapeSlot``) and the
/// slot's generation, packed in one word.
///
/// One word keeps a `Variable<Double>` at 40 bytes and a `Variable<Dual<Double>>` at 72: with a
/// separate generation field the optimizer moved variables through the stack instead of
/// registers (recording measured 2.5× slower). Packing also makes "same tape, still the same
/// generation" a single comparison of two words.
///
/// The word holds a 48-bit, 16-byte-aligned address (user-space addresses on every 64-bit
/// platform Swift runs on) in bits 4…47, the generation's low 4 bits in bits 0…3 and its high 16
/// bits in bits 48…63: 2²⁰ generations per slot, after which the slot is retired rather than
/// reused, so that a stale handle can never become current again. 0 is the handle of a constant.
@frozen @usableFromInline
struct TapeHandle: Equatable {
  @usableFromInline let bits: UInt64

  @inlinable init(bits: UInt64) { self.bits = bits }

  /// The handle of a constant: no tape.
  @inlinable static var constant: TapeHandle { TapeHandle(bits: 0) }

  /// The bits that hold the slot's address.
  @inlinable static var addressMask: UInt64 { 0x0000_FFFF_FFFF_FFF0 }

  /// Generations a slot goes through before it is retired.
  @inlinable static var generationCount: Int { 1 << 20 }

  /// Whether `slot` can be packed in a handle: 16-byte aligned, within 48 bits.
  static func canPack(_ slot: UnsafeMutableRawPointer) -> Bool {
    UInt64(UInt(bitPattern: slot)) & ~addressMask == 0
  }

  /// The handle of generation `generation` (below ``generationCount``) of `slot`.
  init(slot: UnsafeMutableRawPointer, generation: Int) {
    let g = UInt64(generation)
    bits = UInt64(UInt(bitPattern: slot)) | (g & 0xF) | (g >> 4) << 48
  }

  /// The generation packed in this handle.
  var generation: Int { Int(bits & 0xF | (bits >> 48) << 4) }

  @inlinable var isRecorded: Bool { bits != 0 }

  /// The slot's address; only for a recorded handle. A bit cast of a handle with the generation
  /// masked out (a one-word struct, the size of a pointer), not the failable
  /// `init(bitPattern:)`: its nil test is a branch at every record site, and the optimizer
  /// inlines less into functions with more branches.
  @inlinable var slot: UnsafeMutableRawPointer {
    unsafeBitCast(TapeHandle(bits: bits & Self.addressMask), to: UnsafeMutableRawPointer.self)
  }

  /// Whether the slot is still in this handle's generation, for a recorded handle: the test
  /// before any read or write of the storage. It reads only the slot's atomic word, which stays
  /// valid after the tape ends.
  @inlinable @inline(__always) var isLive: Bool { TapeSlot.currentHandle(of: slot) == bits }

  /// Whether this handle's tape is alive; false for a constant.
  @inlinable var isCurrent: Bool { isRecorded && isLive }

  /// The storage of the tape; only for a live handle.
  @inlinable @inline(__always)
  func storage<Value: ADScalar>(of _: Value.Type) -> UnsafeMutablePointer<TapeStorage<Value>> {
    (slot + TapeSlot.storageOffset).assumingMemoryBound(to: TapeStorage<Value>.self)
  }
}
