import DualAD
import DualADTensor
import Foundation
import Testing

/// y = eˣ, saving y for the backward pass ḡ ⊙ y.
private enum MyExp: TensorFunction {
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    let y = inputs[0].exp()
    context.saveForBackward(y)
    return y
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    [try gradient * context.savedTensors[0]]
  }
}

/// y = x ⊙ s; s needs no gradient, so backward returns nil for it.
private enum Scale: TensorFunction {
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    context.saveForBackward(inputs[1])
    return try inputs[0] * inputs[1]
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    #expect(context.needsInputGrad == [true, false])
    return [try gradient * context.savedTensors[0], nil]
  }
}

/// eˣ·s with a backward that forgets s's gradient: one gradient for two inputs.
private enum ShortBackward: TensorFunction {
  static var name: String { "MyExp" }
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    try inputs[0].exp() * inputs[1]
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    [gradient]
  }
}

/// eˣ with a gradient of shape [3] for an input of shape [2].
private enum WrongShape: TensorFunction {
  static var name: String { "MyExp" }
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    inputs[0].exp()
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    [Tensor<S>([1, 2, 3])]
  }
}

/// eˣ whose backward is computed from plain numbers, so it cannot be recorded.
private enum OpaqueExp: TensorFunction {
  static var backwardIsDifferentiable: Bool { false }
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    context.saveForBackward(inputs[0])
    return inputs[0].exp()
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    let x = context.savedTensors[0].scalars
    return [Tensor<S>(zip(gradient.scalars, x).map { $0 * S.exp($1) })]
  }
}

@Suite("Tensor custom functions in PyTorch's shape")
struct TensorFunctionTests {
  @Test("MyExp: node MyExpBackward, x.grad = eˣ")
  func myExp() throws {
    let x = Tensor<Double>([0, 1, -2], requiresGrad: true)
    let y = try MyExp.apply(x)
    #expect(y.gradFn?.name == "MyExpBackward")
    #expect(y.gradFn?.nextFunctions == ["AccumulateGrad"])
    try y.sum().backward()
    #expect(x.grad?.scalars == [1, Foundation.exp(1.0), Foundation.exp(-2.0)])
  }

  @Test("A nil gradient for an input that needs none; the other gets ḡ ⊙ s")
  func nilGradient() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let s = Tensor<Double>([3, -4])
    try Scale.apply(x, s).sum().backward()
    #expect(x.grad?.scalars == [3, -4])
    #expect(s.grad == nil)
  }

  @Test("Wrong number of gradients: PyTorch's message, and nothing written to any grad")
  func wrongCount() throws {
    let x = Tensor<Double>([0, 1], requiresGrad: true)
    let s = Tensor<Double>([2, 3], requiresGrad: true)
    let y = try ShortBackward.apply(x, s) + x * x
    let expected = TensorError.incorrectGradientCount(node: "MyExpBackward", expected: 2, got: 1)
    #expect(throws: expected) { try y.sum().backward() }
    #expect(expected.description.hasPrefix("function MyExpBackward returned an incorrect number of gradients (expected 2, got 1)"))
    #expect(x.grad == nil)
    #expect(s.grad == nil)
  }

  @Test("Wrong gradient shape: PyTorch's message, and nothing written to any grad")
  func wrongShape() throws {
    let x = Tensor<Double>([0, 1], requiresGrad: true)
    let y = try WrongShape.apply(x) * x
    let expected = TensorError.invalidGradient(node: "MyExpBackward", index: 0, got: [3], expected: [2])
    #expect(throws: expected) { try y.sum().backward() }
    #expect(expected.description.hasPrefix("Function MyExpBackward returned an invalid gradient at index 0 - got [3] but expected shape compatible with [2]"))
    #expect(x.grad == nil)
  }

  @Test("retainGraph and noGrad behave as for built-in operations")
  func retainGraphAndNoGrad() throws {
    let x = Tensor<Double>([0.5], requiresGrad: true)
    let y = try MyExp.apply(x).sum()
    try y.backward(retainGraph: true)
    try y.backward()
    #expect(x.grad?.scalars == [2 * Foundation.exp(0.5)])
    #expect(throws: TensorError.graphFreed(node: "MyExpBackward")) { try y.backward() }
    let z = try noGrad { try MyExp.apply(x) }
    #expect(z.gradFn == nil)
    #expect(!z.requiresGrad)
  }

  @Test("createGraph records the backward: the second derivative of Σeˣ is eˣ")
  func createGraph() throws {
    let x = Tensor<Double>([0, 1], requiresGrad: true)
    let g = try gradient(of: MyExp.apply(x).sum(), withRespectTo: x, createGraph: true)
    #expect(g.scalars == [1, Foundation.exp(1.0)])
    let h = try gradient(of: g.sum(), withRespectTo: x)
    #expect(h.scalars == [1, Foundation.exp(1.0)])
  }

  @Test("createGraph through a backward not written in tensor operations throws")
  func createGraphNotDifferentiable() throws {
    let x = Tensor<Double>([0, 1], requiresGrad: true)
    let y = try OpaqueExp.apply(x).sum()
    #expect(throws: TensorError.backwardNotDifferentiable(node: "OpaqueExpBackward")) {
      try gradient(of: y, withRespectTo: x, createGraph: true)
    }
    // Without createGraph it works.
    #expect(try gradient(of: y, withRespectTo: x).scalars == [1, Foundation.exp(1.0)])
  }
}
