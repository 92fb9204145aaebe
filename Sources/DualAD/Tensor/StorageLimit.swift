#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The most bytes that one new tensor may ask for: the machine's physical memory,
/// sysconf(`_SC_PHYS_PAGES`) × sysconf(`_SC_PAGESIZE`).
///
/// Every creation function (`zeros`, `ones`, `full`, `randn`, `rand`, `linspace`, `arange`) and
/// every operation whose result size comes from its arguments (broadcasting, `matmul`, the
/// Jacobians) computes the bytes with overflow checks, count × `MemoryLayout<Scalar>.stride`,
/// and throws ``TensorError/cannotAllocate(shape:bytes:limit:)`` before allocating when they
/// exceed this bound. The expression language checks its results the same way, at 8 bytes per
/// element.
///
/// Why physical memory, and not a fraction of it or what is free now: a larger request cannot
/// succeed. Swift ends the process when `malloc` fails, and where Linux overcommits, a request
/// that `malloc` grants anyway is killed when its pages are written. What is free changes from
/// one moment to the next, and a fraction would refuse work that fits on an idle machine. So a
/// request below the bound may still fail on a busy machine (or one whose memory a container
/// limits), but no request above it is ever tried.
public enum StorageLimit {
  /// The bound in bytes: the physical memory, or `Int.max` where the system does not report it.
  public static let bytes: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return .max }
    let (product, overflow) = Int(pages).multipliedReportingOverflow(by: Int(pageSize))
    return overflow ? .max : product
  }()
}

/// The number of elements of `shape`, checked: a negative size throws
/// ``TensorError/negativeDimension(shape:)`` (before any overflow), and sizes whose product
/// overflows `Int` throw ``TensorError/tooManyElements(shape:)``.
///
/// Zeros are skipped in the product, so that every partial product of a valid shape (a stride,
/// the rows before a dimension) fits in an `Int` too, whatever the order: `[0, Int.max, 2]` is
/// refused although it has no elements.
func checkedElementCount(of shape: [Int]) throws(TensorError) -> Int {
  guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(shape: shape) }
  var product = 1
  var hasZero = false
  for size in shape {
    if size == 0 {
      hasZero = true
      continue
    }
    let (next, overflow) = product.multipliedReportingOverflow(by: size)
    guard !overflow else { throw .tooManyElements(shape: shape) }
    product = next
  }
  return hasZero ? 0 : product
}

/// The number of elements of a new storage of `shape`, each `elementBytes` wide, checked against
/// `limit` before anything is allocated.
///
/// - Throws: ``TensorError/negativeDimension(shape:)``, ``TensorError/tooManyElements(shape:)``
///   when the element count or the bytes overflow `Int`, ``TensorError/cannotAllocate(shape:bytes:limit:)``
///   when the bytes exceed `limit`.
func checkedStorage(of shape: [Int], elementBytes: Int, limit: Int = StorageLimit.bytes) throws(TensorError) -> Int {
  let count = try checkedElementCount(of: shape)
  let (bytes, overflow) = count.multipliedReportingOverflow(by: elementBytes)
  guard !overflow else { throw .tooManyElements(shape: shape) }
  guard bytes <= limit else { throw .cannotAllocate(shape: shape, bytes: bytes, limit: limit) }
  return count
}

extension Tensor {
  /// The number of elements of a new tensor of `shape`, checked against ``StorageLimit/bytes``.
  static func checkedStorage(of shape: [Int]) throws(TensorError) -> Int {
    try DualAD.checkedStorage(of: shape, elementBytes: MemoryLayout<Scalar>.stride)
  }
}
