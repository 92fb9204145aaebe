import DualAD

/// One step of a compiled expression; operands are indices of earlier steps.
enum Instruction: Sendable {
  /// Elements `offset ..< offset + count` of the flattened inputs.
  case input(offset: Int, count: Int)
  case constant(Double)
  case elementwise(UnaryPrimitive, Int)
  case pairwise(BinaryPrimitive, Int, Int, Broadcast)
  /// Concatenation of the operands' elements (a list literal).
  case stack([Int])
  case reduction(Reduction, Int)
  case dot(Int, Int)
  /// (m×k)·(k×n), a vector being one row (left) or one column (right).
  case matmul(Int, Int, m: Int, k: Int, n: Int)
  case binaryCrossEntropyWithLogits(Int, Int)
}

/// How two operands' elements line up with an output of `rows × columns` (numpy broadcasting):
/// element (i, j) of an operand is at i·rowStride + j·columnStride; a stride is 0 along a
/// dimension of size 1 that is stretched.
struct Broadcast: Sendable {
  let rows: Int, columns: Int
  let lhsStrides: (row: Int, column: Int)
  let rhsStrides: (row: Int, column: Int)

  /// The output shape of `lhs ∘ rhs`, or the first dimension (in the output's numbering) at
  /// which the sizes differ and neither is 1.
  static func make(_ lhs: Shape, _ rhs: Shape) -> Result<(Shape, Broadcast), BroadcastFailure> {
    let a = lhs.dimensions, b = rhs.dimensions
    let rank = max(a.count, b.count)
    let pa = Array(repeating: 1, count: rank - a.count) + a
    let pb = Array(repeating: 1, count: rank - b.count) + b
    var out: [Int] = []
    for d in 0..<rank {
      if pa[d] == pb[d] || pb[d] == 1 { out.append(pa[d]) }
      else if pa[d] == 1 { out.append(pb[d]) }
      else { return .failure(BroadcastFailure(dimension: d)) }
    }
    guard let shape = Shape(dimensions: out) else { return .failure(BroadcastFailure(dimension: 0)) }
    let (rows, columns) = shape.asRowsAndColumns
    func strides(_ s: Shape) -> (row: Int, column: Int) {
      let (r, c) = s.asRowsAndColumns
      return (r == 1 ? 0 : c, c == 1 ? 0 : 1)
    }
    return .success((shape, Broadcast(rows: rows, columns: columns, lhsStrides: strides(lhs), rhsStrides: strides(rhs))))
  }
}

struct BroadcastFailure: Error {
  let dimension: Int
}
