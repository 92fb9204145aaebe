import DualAD

extension Tensor {
  /// The matrix product, PyTorch's `matmul` for ranks 1 and 2:
  /// matrix·matrix (m×k)·(k×n) → m×n (node `MmBackward0`), vector·matrix (k)·(k×n) → n
  /// (`MmBackward0`), matrix·vector (m×k)·(k) → m (`MvBackward0`), vector·vector → a scalar
  /// (`DotBackward0`). A vector acts as a 1×k row on the left and a k×1 column on the right.
  ///
  /// Pullbacks: for C = A·B with output gradient Ḡ, Ā = Ḡ·Bᵀ and B̄ = Aᵀ·Ḡ.
  ///
  /// `Double` and `Float` tensors run every product of 4 096 multiply-adds or more, the pullbacks'
  /// transposed ones included, on OpenBLAS (`gemm`, `gemv` for a vector operand, `dot` for two);
  /// smaller products, and tensors of other element types (`Dual`, ...), run generic loops, which
  /// round the same way for every element type.
  ///
  /// - Throws: ``TensorError/matmulMismatch(lhs:rhs:)`` when the inner sizes differ,
  ///   ``TensorError/matmulRank(lhs:rhs:)`` for other ranks, ``TensorError/cannotAllocate(shape:bytes:limit:)``
  ///   when the m×n result exceeds `StorageLimit.bytes` (a [1 << 20, 0]·[0, 1 << 20] product has empty
  ///   operands and an 8 TiB result).
  public func matmul(_ other: Tensor) throws(TensorError) -> Tensor {
    guard (1...2).contains(rank), (1...2).contains(other.rank) else {
      throw .matmulRank(lhs: shape, rhs: other.shape)
    }
    let (m, k) = rank == 2 ? (shape[0], shape[1]) : (1, shape[0])
    let (k2, n) = other.rank == 2 ? (other.shape[0], other.shape[1]) : (other.shape[0], 1)
    guard k == k2 else { throw .matmulMismatch(lhs: shape, rhs: other.shape) }
    var outputShape: [Int] = []
    if rank == 2 { outputShape.append(m) }
    if other.rank == 2 { outputShape.append(n) }
    _ = try Tensor.checkedStorage(of: outputShape)
    let name = rank == 1 && other.rank == 1 ? "DotBackward0" : (other.rank == 1 ? "MvBackward0" : "MmBackward0")

    let product = Kernels.matmul(scalars, other.scalars, m: m, k: k, n: n)
    let aShape = shape, bShape = other.shape
    return Tensor.result(product, shape: outputShape, inputs: [self, other]) { edges in
      // Ā needs B and B̄ needs A: save only what a requested gradient uses.
      let needsA = edges[0] != nil, needsB = edges[1] != nil
      let saved = (needsB ? [self] : []) + (needsA ? [other] : [])
      return GradFn(
        name: name, inputs: edges, saved: saved,
        pullback: { g, saved in
          var next = saved.makeIterator()
          let a = needsB ? next.next() : nil
          let b = needsA ? next.next() : nil
          let gradA = b.map { b in
            Kernels.matmul(g, b.scalars, m: m, k: n, n: k, transposeB: true)
          }
          let gradB = a.map { a in
            Kernels.matmul(a.scalars, g, m: k, k: m, n: n, transposeA: true)
          }
          return [gradA, gradB]
        },
        recordedPullback: { g, saved, _ throws(TensorError) in
          // The same products on recorded tensors, vectors viewed as 1×k rows and k×1 columns.
          var next = saved.makeIterator()
          let a = needsB ? next.next() : nil
          let b = needsA ? next.next() : nil
          let g2 = try g.reshapedIfNeeded([m, n])
          var gradA: Tensor?
          var gradB: Tensor?
          if let b {
            let product = try g2.matmul(b.reshapedIfNeeded([k, n]).transposed())
            gradA = try product.reshapedIfNeeded(aShape)
          }
          if let a {
            let product = try a.reshapedIfNeeded([m, k]).transposed().matmul(g2)
            gradB = try product.reshapedIfNeeded(bShape)
          }
          return [gradA, gradB]
        })
    }
  }

  /// `reshape` when the shape differs, `self` otherwise (no node for a no-op).
  fileprivate func reshapedIfNeeded(_ newShape: [Int]) throws(TensorError) -> Tensor {
    newShape == shape ? self : try reshape(newShape)
  }
}

/// The matrix product of `a` and `b` (PyTorch's `torch.matmul`); see ``Tensor/matmul(_:)``.
public func matmul<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) throws(TensorError) -> Tensor<Scalar> {
  try a.matmul(b)
}
