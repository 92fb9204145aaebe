import DualAD

/// A tensor operation with a hand-written backward pass, in the shape of PyTorch's
/// `torch.autograd.Function`.
///
/// ```swift
/// enum MyExp: TensorFunction {
///   static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
///     let y = inputs[0].exp()
///     context.saveForBackward(y)
///     return y
///   }
///   static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
///     [try gradient * context.savedTensors[0]]
///   }
/// }
/// let y = try MyExp.apply(x)   // y.gradFn?.name == "MyExpBackward"
/// ```
///
/// - `forward` runs with grad mode off, as in PyTorch; it saves what `backward` needs with
///   ``FunctionContext/saveForBackward(_:)``.
/// - `backward` gets ḡ, the gradient of the output, and returns one gradient per input, each in
///   that input's shape (or a shape that sums to it), `nil` for an input that needs none.
///   A wrong count or shape throws in PyTorch's words, and nothing is written to any `grad`.
/// - The node is `"<Name>Backward"`. `retainGraph` and `noGrad` behave as for built-in operations:
///   a second backward without `retainGraph` throws ``TensorError/graphFreed(node:)``, and under
///   ``noGrad(_:)`` no node is recorded.
/// - With `createGraph: true` the backward is recorded: `forward` runs again with grad mode on
///   (so what it saved is a function of the inputs), then `backward`, and both must be written in
///   tensor operations. A backward that is not sets ``backwardIsDifferentiable`` to false, and
///   `createGraph` then throws ``TensorError/backwardNotDifferentiable(node:)`` instead of
///   returning a derivative that misses terms.
public protocol TensorFunction {
  /// The node's name without "Backward"; the type's name by default.
  static var name: String { get }
  /// Whether `backward` is built from tensor operations of the saved tensors, so that
  /// `createGraph` can record it; true by default.
  static var backwardIsDifferentiable: Bool { get }
  /// The output, computed from the inputs with grad mode off.
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S>
  /// One gradient per input, given the output's gradient.
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?]
}

extension TensorFunction {
  public static var name: String { String(describing: Self.self) }
  public static var backwardIsDifferentiable: Bool { true }

  /// The node's name, PyTorch's `"<Name>Backward"`.
  public static var backwardName: String { name + "Backward" }

  /// Runs `forward` and, when grad mode is on and an input requires grad, records one node whose
  /// backward is the user's (PyTorch's `Function.apply`).
  public static func apply<S: ADScalar>(_ inputs: Tensor<S>...) throws(TensorError) -> Tensor<S> {
    try apply(inputs)
  }

  /// ``apply(_:)-(Tensor<S>...)`` with the inputs in an array.
  public static func apply<S: ADScalar>(_ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    let context = FunctionContext<S>(needsInputGrad: inputs.map { GradMode.isEnabled && $0.requiresGrad })
    let output = try withGradMode(false) { () throws(TensorError) in try forward(context, inputs) }
    let shapes = inputs.map(\.shape), outputShape = output.shape
    return Tensor.result(output.scalars, shape: outputShape, inputs: inputs) { edges in
      GradFn(
        name: backwardName, inputs: edges, saved: context.saved, operands: inputs,
        pullback: { g, saved throws(TensorError) in
          let replay = FunctionContext<S>(needsInputGrad: edges.map { $0 != nil }, saved: saved)
          let gradient = Tensor(storage: g, shape: outputShape)
          let found = try withGradMode(false) { () throws(TensorError) in try backward(replay, gradient) }
          return try checked(found, shapes: shapes, edges: edges).map { $0?.scalars }
        },
        recordedPullback: { g, _, operands throws(TensorError) in
          guard backwardIsDifferentiable else { throw .backwardNotDifferentiable(node: backwardName) }
          // Grad mode is on here: forward records, so the saved tensors depend on the inputs.
          let replay = FunctionContext<S>(needsInputGrad: edges.map { $0 != nil })
          _ = try forward(replay, operands)
          return try checked(try backward(replay, g), shapes: shapes, edges: edges)
        })
    }
  }

  /// The user's gradients, checked as PyTorch checks them: one per input, each in its input's
  /// shape or one that sums to it (then summed). `nil` for inputs that need no gradient.
  static func checked<S: ADScalar>(
    _ gradients: [Tensor<S>?], shapes: [[Int]], edges: [GradFn<S>.Edge?]
  ) throws(TensorError) -> [Tensor<S>?] {
    guard gradients.count == shapes.count else {
      throw .incorrectGradientCount(node: backwardName, expected: shapes.count, got: gradients.count)
    }
    var result: [Tensor<S>?] = []
    for (k, gradient) in gradients.enumerated() {
      guard let gradient, edges[k] != nil else {
        result.append(nil)
        continue
      }
      if gradient.shape == shapes[k] {
        result.append(gradient)
        continue
      }
      guard let layout = try? BroadcastLayout(shapes[k], gradient.shape), layout.outputShape == gradient.shape else {
        throw .invalidGradient(node: backwardName, index: k, got: gradient.shape, expected: shapes[k])
      }
      result.append(try gradient.summed(to: layout, lhs: true))
    }
    return result
  }
}

/// What a ``TensorFunction``'s forward pass leaves for its backward pass (PyTorch's `ctx`).
public final class FunctionContext<Scalar: ADScalar> {
  /// For each input, whether its gradient is wanted (PyTorch's `ctx.needs_input_grad`).
  public let needsInputGrad: [Bool]
  var saved: [Tensor<Scalar>]

  init(needsInputGrad: [Bool], saved: [Tensor<Scalar>] = []) {
    self.needsInputGrad = needsInputGrad
    self.saved = saved
  }

  /// Keeps tensors for the backward pass (PyTorch's `ctx.save_for_backward`). They are freed
  /// by a backward without `retainGraph`.
  public func saveForBackward(_ tensors: Tensor<Scalar>...) {
    saved += tensors
  }

  /// The tensors saved in the forward pass, in the order they were saved.
  public var savedTensors: [Tensor<Scalar>] { saved }
}
