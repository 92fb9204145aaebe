import DualAD

// Linear operations that the recorded backward pass needs, in adjoint pairs: the pullback of
// each is the other one. Broadcasting ↔ summing down to a shape, copying along an axis ↔
// summing along it, embedding a slice ↔ selecting it.

extension Tensor {
  /// This tensor, in the broadcast result's shape, summed down to one operand's shape (PyTorch's
  /// `sum_to_size`, node `SumToSizeBackward0`): the adjoint of broadcasting. Its pullback
  /// broadcasts ḡ back.
  func summed(to layout: BroadcastLayout, lhs: Bool) throws(TensorError) -> Tensor {
    let target = lhs ? layout.lhsShape : layout.rhsShape
    if target == shape { return self }
    let values = Kernels.sumToShape(scalars, layout: layout, lhs: lhs)
    return Tensor.result(values, shape: target, inputs: [self]) { edges in
      GradFn(
        name: "SumToSizeBackward0", inputs: edges,
        pullback: { g, _ in [Loops.broadcast(g, layout, lhs: lhs)] },
        recordedPullback: { g, _, _ throws(TensorError) in [try g.broadcast(layout, lhs: lhs)] })
    }
  }

  /// This tensor, in one operand's shape, copied to the broadcast result's shape (PyTorch's
  /// `expand`, node `ExpandBackward0`). Its pullback sums ḡ down.
  func broadcast(_ layout: BroadcastLayout, lhs: Bool) throws(TensorError) -> Tensor {
    if layout.outputShape == shape { return self }
    let values = Loops.broadcast(scalars, layout, lhs: lhs)
    return Tensor.result(values, shape: layout.outputShape, inputs: [self]) { edges in
      GradFn(
        name: "ExpandBackward0", inputs: edges,
        pullback: { g, _ in [Kernels.sumToShape(g, layout: layout, lhs: lhs)] },
        recordedPullback: { g, _, _ throws(TensorError) in [try g.summed(to: layout, lhs: lhs)] })
    }
  }

  /// scale·(this reduced tensor), copied along the reduced axis of `layout` into `shape` (node
  /// `ExpandBackward0`): the pullback of a sum or a mean. Its pullback is `axisSummed`.
  func axisExpanded(_ layout: AxisLayout, scale: Scalar, to shape: [Int]) -> Tensor {
    let reducedShape = self.shape
    return Tensor.result(Kernels.expand(scalars, layout, scale: scale), shape: shape, inputs: [self]) { edges in
      GradFn(
        name: "ExpandBackward0", inputs: edges,
        pullback: { g, _ in [Kernels.scale(Kernels.sum(g, layout), by: scale)] },
        recordedPullback: { g, _, _ in [g.axisSummed(layout, scale: scale, to: reducedShape)] })
    }
  }

  /// scale·Σ along the reduced axis of `layout`, in `shape` (node `SumBackward1`). Its pullback
  /// is `axisExpanded`.
  func axisSummed(_ layout: AxisLayout, scale: Scalar, to shape: [Int]) -> Tensor {
    let fullShape = self.shape
    let values = Kernels.scale(Kernels.sum(scalars, layout), by: scale)
    return Tensor.result(values, shape: shape, inputs: [self]) { edges in
      GradFn(
        name: "SumBackward1", inputs: edges,
        pullback: { g, _ in [Kernels.expand(g, layout, scale: scale)] },
        recordedPullback: { g, _, _ in [g.axisExpanded(layout, scale: scale, to: fullShape)] })
    }
  }

  /// Zeros of `shape` with this tensor as the slice at `index` of the middle dimension of
  /// `layout` (node `SelectBackwardBackward0`): the pullback of `select`. Its pullback selects.
  func sliceEmbedded(_ layout: AxisLayout, dimension: Int, index: Int, into shape: [Int]) -> Tensor {
    let values = Loops.embed(scalars, layout, index: index)
    return Tensor.result(values, shape: shape, inputs: [self]) { edges in
      GradFn(
        name: "SelectBackwardBackward0", inputs: edges,
        pullback: { g, _ in [Loops.slice(g, layout, index: index)] },
        recordedPullback: { g, _, _ throws(TensorError) in [try g.select(dim: dimension, index: index)] })
    }
  }
}
