import DualAD

extension Tensor {
  /// The same elements in another shape, in row-major order (PyTorch's `reshape`/`view`, node
  /// `ViewBackward0`). One size may be −1: it is inferred from the others.
  ///
  /// - Throws: ``TensorError/invalidReshape(shape:count:)`` when the counts differ.
  public func reshape(_ newShape: [Int]) throws(TensorError) -> Tensor {
    var resolved = newShape
    let inferred = newShape.indices.filter { newShape[$0] == -1 }
    let known = newShape.filter { $0 != -1 }
    guard inferred.count <= 1, known.allSatisfy({ $0 >= 0 }) else {
      throw .invalidReshape(shape: newShape, count: count)
    }
    guard let product = try? checkedElementCount(of: known) else { throw .invalidReshape(shape: newShape, count: count) }
    if let i = inferred.first {
      guard product > 0, count % product == 0 else { throw .invalidReshape(shape: newShape, count: count) }
      resolved[i] = count / product
    }
    guard (try? checkedElementCount(of: resolved)) == count else { throw .invalidReshape(shape: newShape, count: count) }
    let inputShape = shape
    return Tensor.result(scalars, shape: resolved, inputs: [self]) { edges in
      GradFn(
        name: "ViewBackward0", inputs: edges,
        pullback: { g, _ in [g] },
        recordedPullback: { g, _, _ throws(TensorError) in [try g.reshape(inputShape)] })
    }
  }

  /// The transpose of a matrix (PyTorch's `t()`, node `TBackward0`); a vector or a scalar is
  /// returned unchanged, as in PyTorch.
  ///
  /// - Throws: ``TensorError/dimensionOutOfRange(dimension:rank:)`` for rank above 2.
  public func transposed() throws(TensorError) -> Tensor {
    guard rank <= 2 else { throw .dimensionOutOfRange(dimension: rank - 1, rank: 2) }
    guard rank == 2 else { return self }
    let (rows, columns) = (shape[0], shape[1])
    return Tensor.result(Kernels.transpose(scalars, rows: rows, columns: columns), shape: [columns, rows], inputs: [self]) {
      edges in
      GradFn(
        name: "TBackward0", inputs: edges,
        pullback: { g, _ in [Kernels.transpose(g, rows: columns, columns: rows)] },
        recordedPullback: { g, _, _ throws(TensorError) in [try g.transposed()] })
    }
  }

  /// The slice at `index` along dimension `dim`, which is removed (PyTorch's `select`,
  /// node `SelectBackward0`). A negative index counts from the end.
  ///
  /// - Throws: ``TensorError/dimensionOutOfRange(dimension:rank:)``,
  ///   ``TensorError/indexOutOfRange(index:dimension:size:)``.
  public func select(dim: Int, index: Int) throws(TensorError) -> Tensor {
    let d = try normalized(dim)
    let size = shape[d]
    let i = index < 0 ? index + size : index
    guard i >= 0, i < size else { throw .indexOutOfRange(index: index, dimension: d, size: size) }
    let layout = AxisLayout(shape: shape, dimension: d)
    var outputShape = shape
    outputShape.remove(at: d)
    let inputShape = shape
    return Tensor.result(Loops.slice(scalars, layout, index: i), shape: outputShape, inputs: [self]) { edges in
      GradFn(
        name: "SelectBackward0", inputs: edges,
        pullback: { g, _ in [Loops.embed(g, layout, index: i)] },
        recordedPullback: { g, _, _ in [g.sliceEmbedded(layout, dimension: d, index: i, into: inputShape)] })
    }
  }

  /// `x[i]`: the slice at index `i` of the first dimension (`select(dim: 0, index: i)`).
  public subscript(index: Int) -> Tensor {
    get throws(TensorError) { try select(dim: 0, index: index) }
  }
}
