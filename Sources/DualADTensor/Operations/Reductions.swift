import DualAD

extension Tensor {
  /// The index of `dimension` in 0..<rank, counting negative values from the end as PyTorch does.
  func normalized(_ dimension: Int) throws(TensorError) -> Int {
    let d = dimension < 0 ? dimension + rank : dimension
    guard d >= 0, d < rank else { throw .dimensionOutOfRange(dimension: dimension, rank: rank) }
    return d
  }

  /// The shape without dimension `d` (or with size 1 there), checked: reducing an empty
  /// [0, 2⁴⁰] along 0 gives 2⁴⁰ sums.
  private func reducedShape(_ d: Int, keepdim: Bool) throws(TensorError) -> [Int] {
    var reduced = shape
    if keepdim { reduced[d] = 1 } else { reduced.remove(at: d) }
    _ = try Tensor.checkedStorage(of: reduced)
    return reduced
  }

  /// Σᵢ xᵢ over all elements, a rank-0 tensor (node `SumBackward0`; x̄ᵢ = ḡ: the Jacobian of a
  /// sum is a row of ones).
  public func sum() -> Tensor {
    let layout = AxisLayout(count: count), inputShape = shape
    return Tensor.result(Kernels.sum(scalars, layout), shape: [], inputs: [self]) { edges in
      GradFn(
        name: "SumBackward0", inputs: edges,
        pullback: { g, _ in [Kernels.expand(g, layout, scale: 1)] },
        recordedPullback: { g, _, _ in [g.axisExpanded(layout, scale: 1, to: inputShape)] })
    }
  }

  /// Σ along one dimension (node `SumBackward1`), which is removed unless `keepdim`.
  ///
  /// - Throws: ``TensorError/dimensionOutOfRange(dimension:rank:)``, and the size errors of a
  ///   creation for a result beyond `StorageLimit.bytes`.
  public func sum(dim: Int, keepdim: Bool = false) throws(TensorError) -> Tensor {
    let d = try normalized(dim)
    let layout = AxisLayout(shape: shape, dimension: d), inputShape = shape
    let reduced = try reducedShape(d, keepdim: keepdim)
    return Tensor.result(Kernels.sum(scalars, layout), shape: reduced, inputs: [self]) {
      edges in
      GradFn(
        name: "SumBackward1", inputs: edges,
        pullback: { g, _ in [Kernels.expand(g, layout, scale: 1)] },
        recordedPullback: { g, _, _ in [g.axisExpanded(layout, scale: 1, to: inputShape)] })
    }
  }

  /// (1/n)·Σᵢ xᵢ over all n elements, a rank-0 tensor (node `MeanBackward0`; x̄ᵢ = ḡ/n).
  /// The mean of no elements is NaN, as in PyTorch.
  public func mean() -> Tensor {
    let layout = AxisLayout(count: count), inputShape = shape
    let scale = Scalar(1 / Scalar.Primal(count))
    return Tensor.result(Kernels.mean(scalars, layout), shape: [], inputs: [self]) { edges in
      GradFn(
        name: "MeanBackward0", inputs: edges,
        pullback: { g, _ in [Kernels.expand(g, layout, scale: scale)] },
        recordedPullback: { g, _, _ in [g.axisExpanded(layout, scale: scale, to: inputShape)] })
    }
  }

  /// The mean along one dimension (node `MeanBackward1`), which is removed unless `keepdim`.
  ///
  /// - Throws: ``TensorError/dimensionOutOfRange(dimension:rank:)``, and the size errors of a
  ///   creation for a result beyond `StorageLimit.bytes`.
  public func mean(dim: Int, keepdim: Bool = false) throws(TensorError) -> Tensor {
    let d = try normalized(dim)
    let reduced = try reducedShape(d, keepdim: keepdim)
    let layout = AxisLayout(shape: shape, dimension: d), inputShape = shape
    let scale = Scalar(1 / Scalar.Primal(layout.size))
    return Tensor.result(Kernels.mean(scalars, layout), shape: reduced, inputs: [self]) { edges in
      GradFn(
        name: "MeanBackward1", inputs: edges,
        pullback: { g, _ in [Kernels.expand(g, layout, scale: scale)] },
        recordedPullback: { g, _, _ in [g.axisExpanded(layout, scale: scale, to: inputShape)] })
    }
  }

  /// log Σᵢ exp(xᵢ) over all elements, computed as xₐ + log1p(Σᵢ≠ₐ exp(xᵢ − xₐ)) with xₐ the
  /// largest, so that it neither overflows nor loses the digits of a small sum
  /// (node `LogsumexpBackward0`; x̄ᵢ = ḡ·softmax(x)ᵢ).
  ///
  /// - Throws: ``TensorError/emptyReduction(operation:)`` for an empty tensor.
  public func logsumexp() throws(TensorError) -> Tensor {
    guard count > 0 else { throw .emptyReduction(operation: "logsumexp") }
    return logsumexp(layout: AxisLayout(count: count), shape: [])
  }

  /// log Σ exp along one dimension, stable as ``logsumexp()``; the dimension is removed unless `keepdim`.
  ///
  /// - Throws: ``TensorError/dimensionOutOfRange(dimension:rank:)``,
  ///   ``TensorError/emptyReduction(operation:)`` when that dimension has size 0.
  public func logsumexp(dim: Int, keepdim: Bool = false) throws(TensorError) -> Tensor {
    let d = try normalized(dim)
    guard shape[d] > 0 else { throw .emptyReduction(operation: "logsumexp") }
    return logsumexp(layout: AxisLayout(shape: shape, dimension: d), shape: try reducedShape(d, keepdim: keepdim))
  }

  /// softmax(x) along the axis of `layout`, recorded (node `SoftmaxBackward0`): the gradient of
  /// logsumexp, whose kernel's partials are its values. Its pullback is exact where one
  /// probability is close to 1 (see `Loops.softmaxPullback`).
  func softmax(_ layout: AxisLayout, reducedShape: [Int]) -> Tensor {
    let p = Kernels.logsumexp(scalars, layout, partials: true).partials
    let inputShape = shape
    return Tensor.result(p, shape: inputShape, inputs: [self]) { edges in
      GradFn(
        name: "SoftmaxBackward0", inputs: edges, saved: [Tensor(storage: p, shape: inputShape)], operands: [self],
        pullback: { v, saved in [saved.first.map { Loops.softmaxPullback($0.scalars, v, layout) }] },
        recordedPullback: { v, _, operands throws(TensorError) in
          // p ⊙ (v − Σ v⊙p) from recorded operations, for the third and higher derivatives.
          guard let x = operands.first else { return [nil] }
          let p = x.softmax(layout, reducedShape: reducedShape)
          let weighted = try (v * p).axisSummed(layout, scale: 1, to: reducedShape)
          return [try p * (v - weighted.axisExpanded(layout, scale: 1, to: inputShape))]
        })
    }
  }

  private func logsumexp(layout: AxisLayout, shape: [Int]) -> Tensor {
    let (values, partials) = Kernels.logsumexp(scalars, layout, partials: Tensor.recordsGradient(self))
    let inputShape = self.shape
    return Tensor.result(values, shape: shape, inputs: [self]) { edges in
      GradFn(
        name: "LogsumexpBackward0", inputs: edges, saved: [Tensor(storage: partials, shape: inputShape)],
        operands: [self],
        pullback: { g, saved in
          [saved.first.map { Kernels.multiply($0.scalars, Kernels.expand(g, layout, scale: 1)) }]
        },
        recordedPullback: { g, _, operands throws(TensorError) in
          // ḡ·softmax(x), with softmax recorded: its own pullback is the second derivative.
          guard let x = operands.first else { return [nil] }
          return [try x.softmax(layout, reducedShape: shape) * g.axisExpanded(layout, scale: 1, to: inputShape)]
        })
    }
  }
}

/// Σᵢ xᵢ over all elements: PyTorch's `torch.sum(x)`.
public func sum<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.sum() }

/// The mean over all elements: PyTorch's `torch.mean(x)`.
public func mean<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.mean() }
