import DualAD

/// Positions (row, column) in `size × size` matrices, checked once: in range, each listed once.
/// A negative index counts from the end, as in PyTorch.
struct MatrixPositions: Sendable {
  let size: Int
  /// Row-major offsets row·size + column within one matrix.
  let offsets: [Int]

  init(size: Int, rows: [Int], columns: [Int]) throws(TensorError) {
    guard size >= 0 else { throw .negativeDimension(shape: [size, size]) }
    guard rows.count == columns.count else { throw .indexShapeMismatch(rows: rows.count, columns: columns.count) }
    var offsets: [Int] = []
    offsets.reserveCapacity(rows.count)
    var seen = Set<Int>()
    for (row, column) in zip(rows, columns) {
      let (r, c) = (row < 0 ? row + size : row, column < 0 ? column + size : column)
      guard r >= 0, r < size else { throw .indexOutOfRange(index: row, dimension: 0, size: size) }
      guard c >= 0, c < size else { throw .indexOutOfRange(index: column, dimension: 1, size: size) }
      guard seen.insert(r * size + c).inserted else { throw .duplicatePosition(row: row, column: column) }
      offsets.append(r * size + c)
    }
    (self.size, self.offsets) = (size, offsets)
  }
}

extension Tensor {
  /// Matrices with the last dimension of `self` placed at the positions (rows[i], columns[i])
  /// and zeros elsewhere: [..., m] → [..., size, size]. This is how a triangular factor is
  /// built from its packed entries, PyTorch's
  /// `torch.zeros(..., size, size).index_put_((..., rows, columns), values)` (node
  /// `IndexPutBackward0`). The pullback reads ḡ back at the same positions.
  ///
  /// ```swift
  /// // 3×3 lower-triangular matrices from the entries below the diagonal, column by column
  /// let l = try packed.scatteredToMatrices(size: 3, rows: [1, 2, 2], columns: [0, 0, 1])
  /// ```
  ///
  /// - Throws: ``TensorError/indexShapeMismatch(rows:columns:)``,
  ///   ``TensorError/indexOutOfRange(index:dimension:size:)``,
  ///   ``TensorError/duplicatePosition(row:column:)`` for the positions;
  ///   ``TensorError/indexPutShapeMismatch(values:indexing:)`` when the last size of `self` is
  ///   not the number of positions; ``TensorError/dimensionOutOfRange(dimension:rank:)`` for a
  ///   rank-0 tensor.
  public func scatteredToMatrices(size: Int, rows: [Int], columns: [Int]) throws(TensorError) -> Tensor {
    guard rank > 0 else { throw .dimensionOutOfRange(dimension: -1, rank: 0) }
    let positions = try MatrixPositions(size: size, rows: rows, columns: columns)
    let batchShape = Array(shape.dropLast())
    guard shape[rank - 1] == positions.offsets.count else {
      throw .indexPutShapeMismatch(values: shape, indexing: batchShape + [positions.offsets.count])
    }
    let outputShape = batchShape + [size, size]
    _ = try Tensor.checkedStorage(of: outputShape)
    return scattered(positions, batchShape: batchShape)
  }

  /// The entries of matrices [..., size, size] at the positions (rows[i], columns[i]):
  /// [..., size, size] → [..., m], PyTorch's `x[..., rows, columns]` (node `IndexBackward0`).
  /// The pullback places ḡ back at the same positions, zeros elsewhere.
  ///
  /// - Throws: the errors of ``scatteredToMatrices(size:rows:columns:)`` for the positions;
  ///   ``TensorError/dimensionOutOfRange(dimension:rank:)`` below rank 2,
  ///   ``TensorError/invalidReshape(shape:count:)`` for matrices that are not square.
  public func gatheredFromMatrices(rows: [Int], columns: [Int]) throws(TensorError) -> Tensor {
    guard rank >= 2 else { throw .dimensionOutOfRange(dimension: -2, rank: rank) }
    guard shape[rank - 1] == shape[rank - 2] else { throw .invalidReshape(shape: shape, count: count) }
    let positions = try MatrixPositions(size: shape[rank - 1], rows: rows, columns: columns)
    return gathered(positions, batchShape: Array(shape.dropLast(2)))
  }

  private func scattered(_ positions: MatrixPositions, batchShape: [Int]) -> Tensor {
    let blocks = batchShape.reduce(1, *)
    let values = Loops.scatter(scalars, positions.offsets, blocks: blocks, matrixCount: positions.size * positions.size)
    return Tensor.result(values, shape: batchShape + [positions.size, positions.size], inputs: [self]) { edges in
      GradFn(
        name: "IndexPutBackward0", inputs: edges,
        pullback: { g, _ in [Loops.gather(g, positions.offsets, blocks: blocks, matrixCount: positions.size * positions.size)] },
        recordedPullback: { g, _, _ in [g.gathered(positions, batchShape: batchShape)] })
    }
  }

  private func gathered(_ positions: MatrixPositions, batchShape: [Int]) -> Tensor {
    let blocks = batchShape.reduce(1, *)
    let values = Loops.gather(scalars, positions.offsets, blocks: blocks, matrixCount: positions.size * positions.size)
    return Tensor.result(values, shape: batchShape + [positions.offsets.count], inputs: [self]) { edges in
      GradFn(
        name: "IndexBackward0", inputs: edges,
        pullback: { g, _ in [Loops.scatter(g, positions.offsets, blocks: blocks, matrixCount: positions.size * positions.size)] },
        recordedPullback: { g, _, _ in [g.scattered(positions, batchShape: batchShape)] })
    }
  }
}
