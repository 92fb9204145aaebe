import DualAD

/// One node of the autograd graph: the operation that produced a tensor, with what its
/// backward pass needs (PyTorch's `grad_fn`).
///
/// Given the gradient ḡ of the operation's output, the node's pullback returns ḡᵀ·∂output/∂input
/// for each input that requires grad. It has two forms: one on plain arrays with the fast
/// kernels, used by an ordinary `backward`, and one built from recorded tensor operations, used
/// with `createGraph: true` so that the gradient can be differentiated again. The values it saved
/// in the forward pass (local partials from the rule table, and the operands that the recorded
/// form differentiates) are freed by a `backward` without `retainGraph`; a second backward
/// through the node then throws ``TensorError/graphFreed(node:)``, as in PyTorch.
public final class GradFn<Scalar: ADScalar> {
  /// Where a node sends the gradient of one of its inputs.
  enum Edge {
    /// The input was computed by another node.
    case function(GradFn<Scalar>)
    /// The input is a leaf that requires grad: its `grad` accumulates (PyTorch's AccumulateGrad).
    case accumulate(Tensor<Scalar>)
  }

  /// The operation, in PyTorch's words: `AddBackward0`, `MulBackward0`, `MmBackward0`, ...
  public let name: String
  /// One entry per input; `nil` for an input that does not require grad.
  let inputs: [Edge?]
  /// Maps the output gradient ḡ (row-major, in the output's shape) and the saved values to one
  /// gradient per input, each in that input's shape; `nil` where `inputs` has `nil`. Only a
  /// user's ``TensorFunction`` throws, when its backward returns gradients that do not fit.
  let pullback: (_ gradient: [Scalar], _ saved: [Tensor<Scalar>]) throws(TensorError) -> [[Scalar]?]
  /// The same pullback from tensor operations, recorded when grad mode is on: a function of the
  /// output gradient and of the operation's inputs (in `operands`, or in `saved` where the fast
  /// pullback saves them too), never of saved partials, which are constants; so its result can
  /// be differentiated again.
  let recordedPullback: RecordedPullback
  private(set) var saved: [Tensor<Scalar>]
  /// The operation's inputs, kept for `recordedPullback`; empty when it does not need them.
  private(set) var operands: [Tensor<Scalar>]
  /// True once a backward without `retainGraph` freed the saved values.
  public private(set) var savedTensorsFreed = false
  /// The non-leaf output that asked for its gradient with `retainGrad()`.
  weak var retainedOutput: Tensor<Scalar>?

  /// Maps the output gradient, the saved values and the operands to one gradient per input,
  /// computed with tensor operations.
  typealias RecordedPullback = (
    _ gradient: Tensor<Scalar>, _ saved: [Tensor<Scalar>], _ operands: [Tensor<Scalar>]
  ) throws(TensorError) -> [Tensor<Scalar>?]

  init(
    name: String, inputs: [Edge?], saved: [Tensor<Scalar>] = [], operands: [Tensor<Scalar>] = [],
    pullback: @escaping (_ gradient: [Scalar], _ saved: [Tensor<Scalar>]) throws(TensorError) -> [[Scalar]?],
    recordedPullback: @escaping RecordedPullback
  ) {
    self.name = name
    self.inputs = inputs
    self.saved = saved
    self.operands = operands
    self.pullback = pullback
    self.recordedPullback = recordedPullback
  }

  /// The values this node saved for its backward pass (PyTorch's `_saved_self`, ...): the
  /// partials first, then the operands kept for a recorded backward.
  ///
  /// - Throws: ``TensorError/graphFreed(node:)`` once a backward without `retainGraph` freed them.
  public var savedTensors: [Tensor<Scalar>] {
    get throws(TensorError) {
      if savedTensorsFreed { throw .graphFreed(node: name) }
      return saved + operands
    }
  }

  /// The names of the nodes the gradient flows to next, one per input (PyTorch's
  /// `next_functions`): a node's name, `"AccumulateGrad"` for a leaf, `nil` for an input
  /// that does not require grad.
  public var nextFunctions: [String?] {
    inputs.map { edge in
      switch edge {
      case .function(let node): return node.name
      case .accumulate: return "AccumulateGrad"
      case nil: return nil
      }
    }
  }

  /// Frees the saved values. A node that saved nothing stays usable, as in PyTorch.
  func releaseSavedValues() {
    guard !saved.isEmpty || !operands.isEmpty else { return }
    saved = []
    operands = []
    savedTensorsFreed = true
  }
}

extension GradFn: CustomStringConvertible {
  public var description: String { "<\(name)>" }
}

extension Tensor {
  /// The edge a node uses to send this tensor its gradient, `nil` when it does not require grad.
  var edge: GradFn<Scalar>.Edge? {
    guard requiresGrad else { return nil }
    if let gradFn { return .function(gradFn) }
    return .accumulate(self)
  }

  /// The result of an operation: records a node when grad mode is on and an input requires
  /// grad, otherwise a plain tensor. `makeNode` runs only when a node is needed.
  static func result(
    _ storage: [Scalar], shape: [Int], inputs: [Tensor],
    makeNode: (_ edges: [GradFn<Scalar>.Edge?]) -> GradFn<Scalar>
  ) -> Tensor {
    guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else {
      return Tensor(storage: storage, shape: shape, isUnrecordedGradient: inputs.contains(where: \.isUnrecordedGradient))
    }
    return Tensor(storage: storage, shape: shape, requiresGrad: true, gradFn: makeNode(inputs.map(\.edge)))
  }

  /// Whether an operation on `inputs` will record a node, so it must compute partials.
  static func recordsGradient(_ inputs: Tensor...) -> Bool {
    GradMode.isEnabled && inputs.contains(where: \.requiresGrad)
  }
}
