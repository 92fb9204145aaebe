import DualAD
import DualADTensor
import Testing

@Suite("Tensor misuse: typed errors with PyTorch's words, and nothing written to any grad")
struct TensorErrorTests {
  @Test("backward on a tensor that does not require grad")
  func doesNotRequireGrad() throws {
    let x = Tensor<Double>([1, 2])
    let y = try (x * x).sum()
    #expect(throws: TensorError.doesNotRequireGrad) { try y.backward() }
    #expect(TensorError.doesNotRequireGrad.description.hasPrefix(
      "element 0 of tensors does not require grad and does not have a grad_fn"))
    let detached = (Tensor<Double>([1], requiresGrad: true) * 2).detach()
    #expect(throws: TensorError.doesNotRequireGrad) { try detached.backward() }
  }

  @Test("a gradient of the wrong shape names both shapes; the earlier grad is untouched")
  func gradientShapeMismatch() throws {
    let x = Tensor<Double>([1, 5, 6, 10, 16], requiresGrad: true)
    let y = try x * x
    try y.backward(gradient: Tensor.ones([5]), retainGraph: true)
    #expect(throws: TensorError.gradientShapeMismatch(gradient: [3], output: [5])) {
      try y.backward(gradient: Tensor.ones([3]))
    }
    #expect(TensorError.gradientShapeMismatch(gradient: [3], output: [5]).description.hasPrefix(
      "Mismatch in shape: gradient has a shape of [3] and output has a shape of [5]"))
    #expect(x.grad?.scalars == [2, 10, 12, 20, 32])
  }

  @Test("a freed node deep in the graph is found before any gradient is written")
  func freedNodeInsideTheGraph() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let w = Tensor<Double>([3, 4], requiresGrad: true)
    let a = try x * x
    try a.exp().sum().backward()  // frees MulBackward0 of a
    let before = x.grad?.scalars
    // A new graph on top of a: w receives nothing either, although its own node is fresh.
    let b = try (a * w).sum()
    #expect(throws: TensorError.graphFreed(node: "MulBackward0")) { try b.backward() }
    #expect(x.grad?.scalars == before)
    #expect(w.grad == nil)
  }

  @Test("a graph whose nodes saved nothing can run backward twice, as in PyTorch")
  func noSavedValuesNoError() throws {
    let x = Tensor<Double>([1, 2, 3], requiresGrad: true)
    let s = (x + 1).sum()
    try s.backward()
    try s.backward()
    #expect(x.grad?.scalars == [2, 2, 2])
  }

  @Test("retainGrad, setRequiresGrad and item refuse misuse")
  func flagsAndItem() throws {
    #expect(throws: TensorError.retainGradWithoutRequiresGrad) { try Tensor<Double>([1]).retainGrad() }
    let y = Tensor<Double>([1], requiresGrad: true) * 2
    #expect(throws: TensorError.requiresGradOnNonLeaf) { try y.setRequiresGrad(false) }
    #expect(TensorError.requiresGradOnNonLeaf.description.hasPrefix(
      "you can only change requires_grad flags of leaf variables"))
    #expect(throws: TensorError.notOneElement(count: 2)) { try Tensor<Double>([1, 2]).item() }
    #expect(TensorError.notOneElement(count: 2).description.hasPrefix(
      "a Tensor with 2 elements cannot be converted to Scalar"))
    #expect(try Tensor<Double>([7]).item() == 7)
  }

  @Test("malformed shapes and indices throw")
  func shapes() throws {
    #expect(throws: TensorError.elementCountMismatch(shape: [2, 3], count: 5)) {
      try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5])
    }
    #expect(throws: TensorError.negativeDimension(shape: [-1, 2])) { try Tensor<Double>.zeros([-1, 2]) }
    #expect(throws: TensorError.tooManyElements(shape: [Int.max, 2])) { try Tensor<Double>.ones([Int.max, 2]) }
    // Zeros aside, the sizes must still multiply within Int, so that no stride overflows.
    #expect(throws: TensorError.tooManyElements(shape: [Int.max, 4, 0])) { try Tensor<Double>.zeros([Int.max, 4, 0]) }
    #expect(try Tensor<Double>.zeros([Int.max, 0]).count == 0)
    #expect(throws: TensorError.raggedRows(expected: 2, got: 1, row: 1)) { try Tensor<Double>([[1, 2], [3]]) }
    let x = try Tensor<Double>.ones([3, 2])
    #expect(throws: TensorError.invalidReshape(shape: [4, 2], count: 6)) { try x.reshape([4, 2]) }
    #expect(throws: TensorError.invalidReshape(shape: [Int.max, 4], count: 6)) { try x.reshape([Int.max, 4]) }
    #expect(TensorError.invalidReshape(shape: [4, 2], count: 6).description.hasPrefix(
      "shape '[4, 2]' is invalid for input of size 6"))
    #expect(throws: TensorError.indexOutOfRange(index: 5, dimension: 0, size: 3)) { try x[5] }
    #expect(TensorError.indexOutOfRange(index: 5, dimension: 0, size: 3).description
      == "index 5 is out of bounds for dimension 0 with size 3")
    #expect(throws: TensorError.dimensionOutOfRange(dimension: 0, rank: 0)) { try Tensor<Double>(1.0)[0] }
  }
}
