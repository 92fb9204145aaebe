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
  /// - Throws: ``TensorError``, before anything is written to any `grad`:
  ///   ``TensorError/doesNotRequireGrad``, ``TensorError/implicitGradientForNonScalar(shape:)``,
  ///   ``TensorError/gradientShapeMismatch(gradient:output:)``, ``TensorError/graphFreed(node:)``.
  public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws(TensorError) {
    guard requiresGrad else { throw .doesNotRequireGrad }
    let seed = try seedGradient(gradient)

    guard let root = gradFn else {
      accumulateGrad(seed)  // a leaf: vᵀI = v
      return
    }

    // 1. Every reachable node and how many reachable nodes feed gradient into it. A freed node
    //    is found here, before any gradient is computed.
    var pending: [ObjectIdentifier: Int] = [ObjectIdentifier(root): 0]
    var nodes: [GradFn<Scalar>] = [root]
    var stack: [GradFn<Scalar>] = [root]
    while let node = stack.popLast() {
      if node.savedTensorsFreed { throw .graphFreed(node: node.name) }
      for case .function(let next)? in node.inputs {
        let id = ObjectIdentifier(next)
        if let count = pending[id] {
          pending[id] = count + 1
        } else {
          pending[id] = 1
          nodes.append(next)
          stack.append(next)
        }
      }
    }

    // 2. Topological sweep (Kahn): a node runs once all its consumers have sent their gradient.
    var gradients: [ObjectIdentifier: [Scalar]] = [ObjectIdentifier(root): seed]
    var leafGradients: [ObjectIdentifier: (leaf: Tensor, gradient: [Scalar])] = [:]
    var leafOrder: [ObjectIdentifier] = []
    var retained: [(Tensor, [Scalar])] = []
    var ready: [GradFn<Scalar>] = [root]
    while let node = ready.popLast() {
      let id = ObjectIdentifier(node)
      guard let outputGradient = gradients.removeValue(forKey: id) else { continue }
      if let output = node.retainedOutput { retained.append((output, outputGradient)) }
      let inputGradients = node.pullback(outputGradient, node.saved)
      for (k, edge) in node.inputs.enumerated() {
        guard let edge else { continue }
        let inputGradient = k < inputGradients.count ? inputGradients[k] : nil
        switch edge {
        case .function(let next):
          let nextID = ObjectIdentifier(next)
          if let inputGradient {
            if let sum = gradients[nextID] {
              gradients[nextID] = Kernels.add(sum, inputGradient)
            } else {
              gradients[nextID] = inputGradient
            }
          }
          let remaining = (pending[nextID] ?? 1) - 1
          pending[nextID] = remaining
          if remaining == 0 { ready.append(next) }
        case .accumulate(let leaf):
          guard let inputGradient else { continue }
          let leafID = ObjectIdentifier(leaf)
          if let entry = leafGradients[leafID] {
            leafGradients[leafID] = (leaf, Kernels.add(entry.gradient, inputGradient))
          } else {
            leafGradients[leafID] = (leaf, inputGradient)
            leafOrder.append(leafID)
          }
        }
      }
    }

    // 3. Only now write: leaves accumulate, retained non-leaves receive their gradient.
    for id in leafOrder {
      if let entry = leafGradients[id] { entry.leaf.accumulateGrad(entry.gradient) }
    }
    for (output, outputGradient) in retained { output.accumulateGrad(outputGradient) }
    if !retainGraph {
      for node in nodes { node.releaseSavedValues() }
    }
  }

  /// v as a flat array in this tensor's shape, after checking it as PyTorch does.
  private func seedGradient(_ gradient: Tensor?) throws(TensorError) -> [Scalar] {
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
