/// The shape of a value in an expression: a scalar, a vector or a matrix (row-major).
public enum Shape: Hashable, Sendable, CustomStringConvertible {
  case scalar
  case vector(Int)
  case matrix(rows: Int, columns: Int)

  /// The sizes of the dimensions: `[]`, `[n]` or `[rows, columns]` (PyTorch's `shape`).
  public var dimensions: [Int] {
    switch self {
    case .scalar: return []
    case .vector(let n): return [n]
    case .matrix(let r, let c): return [r, c]
    }
  }

  /// The number of elements: 1 for a scalar. A shape that `compiled(for:)` would refuse (a
  /// negative size, or a product past `Int.max`) counts `Int.max` instead of trapping.
  public var count: Int { checkedCount ?? .max }

  /// The number of elements, or nil when a size is negative or the product overflows `Int`.
  var checkedCount: Int? {
    var product = 1
    for size in dimensions {
      guard size >= 0 else { return nil }
      let (next, overflow) = product.multipliedReportingOverflow(by: size)
      if overflow { return nil }
      product = next
    }
    return product
  }

  /// The number of dimensions: 0, 1 or 2.
  public var rank: Int { dimensions.count }

  /// The shape with the given dimensions, or nil for more than two.
  public init?(dimensions: [Int]) {
    switch dimensions.count {
    case 0: self = .scalar
    case 1: self = .vector(dimensions[0])
    case 2: self = .matrix(rows: dimensions[0], columns: dimensions[1])
    default: return nil
    }
  }

  /// `[2, 3]`, as PyTorch prints a size.
  public var description: String { "[" + dimensions.map(String.init).joined(separator: ", ") + "]" }

  /// `2x3`, as PyTorch names matrix shapes in matmul errors.
  var timesDescription: String { dimensions.map(String.init).joined(separator: "x") }
}
