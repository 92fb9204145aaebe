import DualAD

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
  /// The number of elements of a new tensor of `shape`, checked against `StorageLimit.bytes`.
  static func checkedStorage(of shape: [Int]) throws(TensorError) -> Int {
    try DualADTensor.checkedStorage(of: shape, elementBytes: MemoryLayout<Scalar>.stride)
  }
}
