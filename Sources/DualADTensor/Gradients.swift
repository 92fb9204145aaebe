import DualAD

/// The gradients of `output` with respect to `inputs`, RETURNED instead of added to their `grad`
/// (PyTorch's `torch.autograd.grad`): entry i is vᵀ·∂output/∂inputᵢ, in inputᵢ's shape.
///
/// With `createGraph: true` the backward pass is recorded, so each gradient has a `gradFn` and
/// can be differentiated again: that is how Hessians of tensor code are built, one row per
/// second call. For a loss L(b), row i of ∇²L is the gradient of (∇L)ᵢ:
///
/// ```swift
/// let g = try gradient(of: loss, withRespectTo: b, createGraph: true)   // ∇L, recorded
/// let row = try gradient(of: g[i], withRespectTo: b, retainGraph: true)  // ∂(∇L)ᵢ/∂b
/// ```
///
/// The inputs may be leaves or intermediate tensors; only the part of the graph between the
/// output and the inputs runs. No `grad` is written.
///
/// - Parameters:
///   - output: the tensor to differentiate.
///   - inputs: the tensors to differentiate with respect to; each must require grad.
///   - gradient: v, as in ``Tensor/backward(gradient:retainGraph:createGraph:)``; it may itself
///     require grad when `createGraph` is true. Omitted, the output must have one element.
///   - retainGraph: keep the saved values so that the graph can be differentiated again;
///     implied by `createGraph`.
///   - createGraph: record the backward pass, so that the gradients can be differentiated again.
///   - allowUnused: give a zero gradient for an input that the output does not depend on,
///     instead of throwing (PyTorch's `allow_unused` with `materialize_grads`).
/// - Throws: ``TensorError``: ``TensorError/doesNotRequireGrad``,
///   ``TensorError/backwardNotRecorded``, ``TensorError/inputDoesNotRequireGrad(index:)``,
///   ``TensorError/unusedInput(index:)``, ``TensorError/graphFreed(node:)``, and the errors of
///   `backward` about `gradient`.
public func gradients<Scalar>(
  of output: Tensor<Scalar>, withRespectTo inputs: [Tensor<Scalar>], gradient: Tensor<Scalar>? = nil,
  retainGraph: Bool = false, createGraph: Bool = false, allowUnused: Bool = false
) throws(TensorError) -> [Tensor<Scalar>] {
  try output.checkDifferentiable()
  for (i, input) in inputs.enumerated() where !input.requiresGrad { throw .inputDoesNotRequireGrad(index: i) }
  var leaves: Set<ObjectIdentifier> = [], nodes: Set<ObjectIdentifier> = []
  for input in inputs {
    if let node = input.gradFn { nodes.insert(ObjectIdentifier(node)) } else { leaves.insert(ObjectIdentifier(input)) }
  }
  let targets = GradientSweep<Scalar>.Targets.only(leaves: leaves, nodes: nodes)

  if createGraph {
    let seed = try output.recordedSeed(gradient)
    return try withGradMode(true) { () throws(TensorError) in
      let found: [Tensor<Scalar>?]
      if let root = output.gradFn {
        found = lookUp(inputs, in: try GradientSweep(root: root, targets: targets).runRecorded(seed: seed))
      } else {
        found = inputs.map { $0 === output ? seed : nil }
      }
      return try found.enumerated().map { (i, g) throws(TensorError) in
        if let g { return g }
        guard allowUnused else { throw .unusedInput(index: i) }
        return try Tensor<Scalar>.zeros(inputs[i].shape)
      }
    }
  }

  let seed = try output.seedGradient(gradient)
  var found: [[Scalar]?]
  var sweep: GradientSweep<Scalar>?
  if let root = output.gradFn {
    let graph = try GradientSweep(root: root, targets: targets)
    found = lookUp(inputs, in: try graph.run(seed: seed, add: { a, b in Kernels.add(a, b) }) { node, g throws(TensorError) in
      try node.pullback(g, node.saved)
    })
    sweep = graph
  } else {
    found = inputs.map { $0 === output ? seed : nil }
  }
  for (i, g) in found.enumerated() where g == nil {
    guard allowUnused else { throw .unusedInput(index: i) }
    found[i] = [Scalar](repeating: 0, count: inputs[i].count)
  }
  if !retainGraph { sweep?.releaseSavedValues() }
  return zip(inputs, found).map { input, g in
    Tensor(storage: g ?? [], shape: input.shape, isUnrecordedGradient: true)
  }
}

/// The gradient of `output` with respect to one `input`, returned instead of added to its
/// `grad`; see ``gradients(of:withRespectTo:gradient:retainGraph:createGraph:allowUnused:)``.
///
/// - Throws: the errors of `gradients(of:withRespectTo:...)`.
public func gradient<Scalar>(
  of output: Tensor<Scalar>, withRespectTo input: Tensor<Scalar>, gradient: Tensor<Scalar>? = nil,
  retainGraph: Bool = false, createGraph: Bool = false, allowUnused: Bool = false
) throws(TensorError) -> Tensor<Scalar> {
  let found = try gradients(
    of: output, withRespectTo: [input], gradient: gradient, retainGraph: retainGraph, createGraph: createGraph,
    allowUnused: allowUnused)
  guard let only = found.first else { throw .unusedInput(index: 0) }
  return only
}

/// Each input's gradient in a sweep's result: a leaf's accumulated gradient, or the gradient of
/// the output of the node that computed a non-leaf.
private func lookUp<Scalar, G>(_ inputs: [Tensor<Scalar>], in result: GradientSweep<Scalar>.Result<G>) -> [G?] {
  var leafGradients: [ObjectIdentifier: G] = [:]
  for (leaf, g) in result.leaves { leafGradients[ObjectIdentifier(leaf)] = g }
  return inputs.map { input in
    if let node = input.gradFn { return result.nodes[ObjectIdentifier(node)] }
    return leafGradients[ObjectIdentifier(input)]
  }
}
