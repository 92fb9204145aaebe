import DualAD

/// The backward sweep shared by `backward` and `gradients(of:withRespectTo:)`, generic over
/// how a gradient is held: `[Scalar]` with the fast kernels, or `Tensor` when the backward pass
/// is itself recorded (`createGraph: true`).
struct GradientSweep<Scalar: ADScalar> {
  typealias Node = GradFn<Scalar>

  /// Where the sweep delivers gradients.
  enum Targets {
    /// Every leaf that requires grad, and every non-leaf that called `retainGrad()` (`backward`).
    case everyLeaf
    /// Only these: leaves by identity, non-leaves by the node that computed them. Nodes that lead
    /// to none of them are not run (`gradients(of:withRespectTo:)`).
    case only(leaves: Set<ObjectIdentifier>, nodes: Set<ObjectIdentifier>)
  }

  /// What one sweep computed.
  struct Result<Gradient> {
    /// The gradient of each leaf reached, in the order they were first reached.
    var leaves: [(leaf: Tensor<Scalar>, gradient: Gradient)] = []
    /// The gradient of the output of each target node (`.only`).
    var nodes: [ObjectIdentifier: Gradient] = [:]
    /// The gradient of each non-leaf that retains it (`.everyLeaf`).
    var retained: [(output: Tensor<Scalar>, gradient: Gradient)] = []
  }

  let root: Node
  let targets: Targets
  /// The nodes whose pullback runs.
  private(set) var executed: [Node] = []
  private var runs: Set<ObjectIdentifier> = []
  /// How many running nodes send gradient into each node that takes part.
  private var pending: [ObjectIdentifier: Int] = [:]

  /// Finds the nodes to run, and throws ``TensorError/graphFreed(node:)`` for a freed one before
  /// any gradient is computed.
  init(root: Node, targets: Targets) throws(TensorError) {
    self.root = root
    self.targets = targets
    // Every reachable node and how many reachable nodes feed gradient into it.
    var consumers: [ObjectIdentifier: Int] = [ObjectIdentifier(root): 0]
    var reachable: [Node] = [root]
    var stack: [Node] = [root]
    while let node = stack.popLast() {
      for case .function(let next)? in node.inputs {
        let id = ObjectIdentifier(next)
        if let count = consumers[id] {
          consumers[id] = count + 1
        } else {
          consumers[id] = 1
          reachable.append(next)
          stack.append(next)
        }
      }
    }

    switch targets {
    case .everyLeaf:
      executed = reachable
      runs = Set(reachable.map(ObjectIdentifier.init))
      pending = consumers
    case .only(let leaves, let nodes):
      // A node runs when a target lies below it: decided children first, in reverse
      // topological order.
      var remaining = consumers
      var order: [Node] = []
      var ready: [Node] = [root]
      while let node = ready.popLast() {
        order.append(node)
        for case .function(let next)? in node.inputs {
          let id = ObjectIdentifier(next)
          let count = (remaining[id] ?? 1) - 1
          remaining[id] = count
          if count == 0 { ready.append(next) }
        }
      }
      for node in order.reversed() {
        let leadsToTarget = node.inputs.contains { edge in
          switch edge {
          case .accumulate(let leaf)?: return leaves.contains(ObjectIdentifier(leaf))
          case .function(let next)?:
            let id = ObjectIdentifier(next)
            return nodes.contains(id) || runs.contains(id)
          case nil: return false
          }
        }
        if leadsToTarget {
          runs.insert(ObjectIdentifier(node))
          executed.append(node)
        }
      }
      executed.reverse()
      pending[ObjectIdentifier(root)] = 0
      for node in executed {
        for case .function(let next)? in node.inputs {
          let id = ObjectIdentifier(next)
          if runs.contains(id) || nodes.contains(id) { pending[id, default: 0] += 1 }
        }
      }
    }
    for node in executed where node.savedTensorsFreed { throw .graphFreed(node: node.name) }
  }

  /// Runs the nodes in topological order (Kahn): a node runs once all its consumers have sent
  /// their gradient. Nothing is written anywhere; the caller stores the result.
  func run<Gradient>(
    seed: Gradient,
    add: (Gradient, Gradient) throws(TensorError) -> Gradient,
    pullback: (Node, Gradient) throws(TensorError) -> [Gradient?]
  ) throws(TensorError) -> Result<Gradient> {
    var result = Result<Gradient>()
    var pending = self.pending
    var gradients: [ObjectIdentifier: Gradient] = [ObjectIdentifier(root): seed]
    var leafIndex: [ObjectIdentifier: Int] = [:]
    var ready: [Node] = [root]
    while let node = ready.popLast() {
      let id = ObjectIdentifier(node)
      let outputGradient = gradients.removeValue(forKey: id)
      if let outputGradient {
        switch targets {
        case .everyLeaf:
          if let output = node.retainedOutput { result.retained.append((output, outputGradient)) }
        case .only(_, let nodes):
          if nodes.contains(id) { result.nodes[id] = outputGradient }
        }
      }
      guard runs.contains(id) else { continue }
      let inputGradients = try outputGradient.map { g throws(TensorError) in try pullback(node, g) } ?? []
      for (k, edge) in node.inputs.enumerated() {
        guard let edge else { continue }
        let inputGradient = k < inputGradients.count ? inputGradients[k] : nil
        switch edge {
        case .function(let next):
          let nextID = ObjectIdentifier(next)
          guard let count = pending[nextID] else { continue }  // leads to no target
          if let inputGradient {
            if let sum = gradients[nextID] {
              gradients[nextID] = try add(sum, inputGradient)
            } else {
              gradients[nextID] = inputGradient
            }
          }
          pending[nextID] = count - 1
          if count == 1 { ready.append(next) }
        case .accumulate(let leaf):
          guard let inputGradient else { continue }
          let leafID = ObjectIdentifier(leaf)
          if case .only(let leaves, _) = targets, !leaves.contains(leafID) { continue }
          if let index = leafIndex[leafID] {
            result.leaves[index].gradient = try add(result.leaves[index].gradient, inputGradient)
          } else {
            leafIndex[leafID] = result.leaves.count
            result.leaves.append((leaf, inputGradient))
          }
        }
      }
    }
    return result
  }

  /// Frees the saved values of every node that ran (a backward without `retainGraph`).
  func releaseSavedValues() {
    for node in executed { node.releaseSavedValues() }
  }
}

extension GradientSweep {
  /// The sweep with each node's recorded pullback, so that the gradients have a graph of their
  /// own. Call it with grad mode on.
  func runRecorded(seed: Tensor<Scalar>) throws(TensorError) -> Result<Tensor<Scalar>> {
    try run(seed: seed, add: { a, b throws(TensorError) in try a + b }) { node, g throws(TensorError) in
      try node.recordedPullback(g, node.saved, node.operands)
    }
  }
}

/// Runs `body` with grad mode set to `enabled`, keeping `body`'s typed error.
func withGradMode<R>(_ enabled: Bool, _ body: () throws(TensorError) -> R) throws(TensorError) -> R {
  let outcome: Result<R, TensorError> = GradMode.$isEnabled.withValue(enabled) {
    Result { () throws(TensorError) -> R in try body() }
  }
  return try outcome.get()
}
