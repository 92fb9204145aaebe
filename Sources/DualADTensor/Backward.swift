import DualAD

extension Tensor {
  /// Computes the vector-Jacobian product vᵀJ of this tensor with respect to every leaf that
  /// requires grad, and ADDS it to each leaf's `grad` (PyTorch's `backward`).
  ///
  /// With y = self and a leaf x, the leaf receives x.grad += Σₖ vₖ·∂yₖ/∂x. The vector v is
  /// `gradient`; without it y must have one element and v = 1, which gives the ordinary
  /// gradient ∇y. For the identity y = x this is v itself, not ones; for y = x² it is 2x⊙v.
  ///
  /// - Parameters:
  ///   - gradient: v, with y's shape (or a shape y broadcasts to, whose extra entries are summed).
  ///   - retainGraph: keep the values saved in the graph so that `backward` can run through it
  ///     again; by default they are freed, as in PyTorch.
  ///   - createGraph: record the backward pass itself as tensor operations (PyTorch's
  ///     `create_graph=True`), so that each `grad` has a `gradFn` and can be differentiated
  ///     again; implies `retainGraph`. Without it the fast kernels run and nothing is recorded.
  ///     A recorded `grad` refers to the graph, and the graph to its leaves: call `zeroGrad()`
  ///     when done, or use ``gradients(of:withRespectTo:gradient:retainGraph:createGraph:allowUnused:)``,
  ///     which returns the gradients instead of storing them.
  /// - Throws: ``TensorError``, before anything is written to any `grad`:
  ///   ``TensorError/doesNotRequireGrad``, ``TensorError/backwardNotRecorded``, ``TensorError/implicitGradientForNonScalar(shape:)``,
  ///   ``TensorError/gradientShapeMismatch(gradient:output:)``, ``TensorError/graphFreed(node:)``.
  public func backward(gradient: Tensor? = nil, retainGraph: Bool = false, createGraph: Bool = false)
    throws(TensorError)
  {
    try checkDifferentiable()
    if createGraph {
      try recordedBackward(gradient: gradient)
      return
    }
    let seed = try seedGradient(gradient)

    guard let root = gradFn else {
      accumulateGrad(seed)  // a leaf: vᵀI = v
      return
    }
    let sweep = try GradientSweep(root: root, targets: .everyLeaf)
    let result = try sweep.run(seed: seed, add: { a, b in Kernels.add(a, b) }) { node, g throws(TensorError) in
      try node.pullback(g, node.saved)
    }
    // Only now write: leaves accumulate, retained non-leaves receive their gradient.
    for (leaf, leafGradient) in result.leaves { leaf.accumulateGrad(leafGradient) }
    for (output, outputGradient) in result.retained { output.accumulateGrad(outputGradient) }
    if !retainGraph { sweep.releaseSavedValues() }
  }

  /// `backward` with `createGraph: true`: the same sweep, each node's pullback built from
  /// recorded tensor operations. The graph is kept (`createGraph` implies `retainGraph`).
  private func recordedBackward(gradient: Tensor?) throws(TensorError) {
    let seed = try recordedSeed(gradient)
    try withGradMode(true) { () throws(TensorError) in
      guard let root = gradFn else {
        try accumulateGrad(recorded: seed)
        return
      }
      let result = try GradientSweep(root: root, targets: .everyLeaf).runRecorded(seed: seed)
      for (leaf, leafGradient) in result.leaves { try leaf.accumulateGrad(recorded: leafGradient) }
      for (output, outputGradient) in result.retained { try output.accumulateGrad(recorded: outputGradient) }
    }
  }

  /// Throws unless this tensor can be differentiated: it must require grad. A gradient from a
  /// backward that was not recorded gets its own message, which says how to record it.
  func checkDifferentiable() throws(TensorError) {
    guard requiresGrad else { throw isUnrecordedGradient ? .backwardNotRecorded : .doesNotRequireGrad }
  }

  /// v as a tensor for a recorded backward: `gradient` itself (it may require grad), summed
  /// down when it is broadcast, or a constant 1 for a one-element output.
  func recordedSeed(_ gradient: Tensor?) throws(TensorError) -> Tensor {
    guard let gradient else {
      guard count == 1 else { throw .implicitGradientForNonScalar(shape: shape) }
      return Tensor(storage: [1], shape: shape)
    }
    if gradient.shape == shape { return gradient }
    guard let layout = try? BroadcastLayout(shape, gradient.shape), layout.outputShape == gradient.shape else {
      throw .gradientShapeMismatch(gradient: gradient.shape, output: shape)
    }
    return try withGradMode(true) { () throws(TensorError) in try gradient.summed(to: layout, lhs: true) }
  }

  /// v as a flat array in this tensor's shape, after checking it as PyTorch does.
  func seedGradient(_ gradient: Tensor?) throws(TensorError) -> [Scalar] {
    guard let gradient else {
      guard count == 1 else { throw .implicitGradientForNonScalar(shape: shape) }
      return [1]
    }
    if gradient.shape == shape { return gradient.scalars }
    // PyTorch accepts a gradient that the output broadcasts to, and sums it down.
    guard let layout = try? BroadcastLayout(shape, gradient.shape), layout.outputShape == gradient.shape else {
      throw .gradientShapeMismatch(gradient: gradient.shape, output: shape)
    }
    return Kernels.sumToShape(gradient.scalars, layout: layout, lhs: true)
  }
}
