import DualAD

extension Tensor {
  /// The batched matrix product, PyTorch's `bmm`: (b×n×m)·(b×m×p) → b×n×p, one matrix product
  /// per batch entry (node `BmmBackward0`).
  ///
  /// Pullbacks, per batch entry: for C = A·B with output gradient Ḡ, Ā = Ḡ·Bᵀ and B̄ = Aᵀ·Ḡ.
  /// `Double` and `Float` run each product on OpenBLAS, as ``matmul(_:)`` does.
  ///
  /// - Throws: ``TensorError/bmmRank(operand:shape:)`` unless both operands have rank 3,
  ///   ``TensorError/bmmMismatch(expected:got:)`` when the batch sizes or the inner sizes differ,
  ///   ``TensorError/cannotAllocate(shape:bytes:limit:)`` for a result beyond `StorageLimit.bytes`.
  public func bmm(_ other: Tensor) throws(TensorError) -> Tensor {
    guard rank == 3 else { throw .bmmRank(operand: "batch1", shape: shape) }
    guard other.rank == 3 else { throw .bmmRank(operand: "batch2", shape: other.shape) }
    let (batch, n, m) = (shape[0], shape[1], shape[2])
    guard other.shape[0] == batch, other.shape[1] == m else {
      throw .bmmMismatch(expected: [batch, m], got: [other.shape[0], other.shape[1]])
    }
    let p = other.shape[2]
    let outputShape = [batch, n, p]
    _ = try Tensor.checkedStorage(of: outputShape)
    let product = Kernels.batchedMatmul(scalars, other.scalars, batch: batch, m: n, k: m, n: p)
    return Tensor.result(product, shape: outputShape, inputs: [self, other]) { edges in
      // Ā needs B and B̄ needs A: save only what a requested gradient uses.
      let needsA = edges[0] != nil, needsB = edges[1] != nil
      let saved = (needsB ? [self] : []) + (needsA ? [other] : [])
      return GradFn(
        name: "BmmBackward0", inputs: edges, saved: saved,
        pullback: { g, saved in
          var next = saved.makeIterator()
          let a = needsB ? next.next() : nil
          let b = needsA ? next.next() : nil
          let gradA = b.map { Kernels.batchedMatmul(g, $0.scalars, batch: batch, m: n, k: p, n: m, transposeB: true) }
          let gradB = a.map { Kernels.batchedMatmul($0.scalars, g, batch: batch, m: m, k: n, n: p, transposeA: true) }
          return [gradA, gradB]
        },
        recordedPullback: { g, saved, _ throws(TensorError) in
          // The same sums of products from broadcasting operations, so that they record:
          // Ā[b, i, j] = Σₚ Ḡ[b, i, p]·B[b, j, p] and B̄[b, j, p] = Σᵢ A[b, i, j]·Ḡ[b, i, p].
          var next = saved.makeIterator()
          let a = needsB ? next.next() : nil
          let b = needsA ? next.next() : nil
          let gradA = try b.map { b throws(TensorError) in
            try (g.reshape([batch, n, 1, p]) * b.reshape([batch, 1, m, p])).sum(dim: 3)
          }
          let gradB = try a.map { a throws(TensorError) in
            try (a.reshape([batch, n, m, 1]) * g.reshape([batch, n, 1, p])).sum(dim: 1)
          }
          return [gradA, gradB]
        })
    }
  }
}

/// The batched matrix product of `a` and `b` (PyTorch's `torch.bmm`); see ``Tensor/bmm(_:)``.
public func bmm<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) throws(TensorError) -> Tensor<Scalar> {
  try a.bmm(b)
}
