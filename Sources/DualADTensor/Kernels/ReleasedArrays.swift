import DualAD
import Synchronization

/// Large scalar arrays of tensors that have ended, kept for the next kernel output of the same
/// length.
///
/// A kernel output of a few MiB is a fresh mapping from the allocator: a page fault per 4 KiB on
/// first touch, and the pages given back to the system when the array is freed (glibc trims the
/// heap's top once more than twice the largest recent block is free). Tensor code makes the same
/// shapes again and again (each step of a loop, each call of a gradient), so it paid those faults
/// on every call: they took more than half of a tensor GMM (64, 10) gradient. A released array is
/// already mapped.
///
/// Only `Double` and `Float` arrays of at least ``minimumCount`` elements are kept: smaller ones
/// come from the heap cheaply. The pool is bounded (``maximumArrays`` arrays, ``maximumBytes`` in
/// all), so what it keeps does not grow with the number of calls, and shared by all threads behind
/// one lock. An array still referenced elsewhere (a caller's copy of `scalars`) is safe to keep:
/// the kernel that takes it writes through copy-on-write, which copies a shared buffer first.
enum ReleasedArrays {
  static let minimumCount = 1 << 15
  static let maximumArrays = 32
  static let maximumBytes = 256 << 20

  /// The kept arrays of one element type and their bytes.
  struct Pool<Element: Sendable>: Sendable {
    var arrays: [[Element]] = []
    var bytes = 0

    /// Removes and returns a kept array of exactly `count` elements, the newest first (the
    /// likeliest to be in the caches).
    mutating func take(count: Int) -> [Element]? {
      var j = arrays.count - 1
      while j >= 0, arrays[j].count != count { j -= 1 }
      guard j >= 0 else { return nil }
      bytes -= count * MemoryLayout<Element>.stride
      return arrays.remove(at: j)
    }

    /// Keeps `array` when it is large enough, dropping the oldest arrays while either bound
    /// would be passed: lengths that stop coming back must not hold the room for good.
    mutating func keep(_ array: [Element]) {
      let size = array.count * MemoryLayout<Element>.stride
      guard array.count >= minimumCount, size <= maximumBytes else { return }
      var dropped = 0
      while arrays.count - dropped >= maximumArrays || bytes + size > maximumBytes {
        bytes -= arrays[dropped].count * MemoryLayout<Element>.stride
        dropped += 1
      }
      arrays.removeFirst(dropped)
      arrays.append(array)
      bytes += size
    }
  }

  static let doubles = Mutex(Pool<Double>())
  static let floats = Mutex(Pool<Float>())

  /// A kept array of exactly `count` elements of type T, if there is one; its elements are the
  /// ones it held. (T is `Double` or `Float` where an array is returned: `Kernels.cast` is an identity.)
  static func take<T>(_ type: T.Type, count: Int) -> [T]? {
    guard count >= minimumCount else { return nil }
    if T.self == Double.self { return doubles.withLock { $0.take(count: count) }.map { Kernels.cast($0) } }
    if T.self == Float.self { return floats.withLock { $0.take(count: count) }.map { Kernels.cast($0) } }
    return nil
  }

  /// Keeps `array` for a later ``take(_:count:)`` when it is large enough and there is room. (The
  /// size test here as well as in ``Pool/keep(_:)`` spares small arrays the lock.)
  static func keep<T>(_ array: [T]) {
    guard array.count >= minimumCount else { return }
    if T.self == Double.self { doubles.withLock { $0.keep(Kernels.cast(array, to: Double.self)) } }
    if T.self == Float.self { floats.withLock { $0.keep(Kernels.cast(array, to: Float.self)) } }
  }
}
