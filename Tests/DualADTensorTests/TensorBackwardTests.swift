import DualAD
import DualADTensor
import Foundation
import Testing

@Suite("The backward sweep: shared subgraphs, retained non-leaves, PyTorch's next_functions")
struct TensorBackwardTests {
  @Test("a tensor used by two branches receives the sum of both branches' gradients")
  func diamond() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let a = x * 3
    try a.retainGrad()
    let b = try a * a
    let c = a.exp()
    let d = try (b + c).sum()
    try d.backward()
    // ∂d/∂a = 2a + eᵃ at a = [3, 6]; ∂d/∂x = 3·∂d/∂a.
    let expectedA = [6 + Foundation.exp(3.0), 12 + Foundation.exp(6.0)]
    #expect(tensorClose(a.grad?.scalars, expectedA))
    #expect(tensorClose(x.grad?.scalars, expectedA.map { 3 * $0 }))
  }

  @Test("nextFunctions names the nodes the gradient flows to, AccumulateGrad for a leaf")
  func nextFunctions() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let a = x * 3
    #expect(a.gradFn?.nextFunctions == ["AccumulateGrad", nil])
    let d = try a * a + a.exp()
    #expect(d.gradFn?.nextFunctions == ["MulBackward0", "ExpBackward0"])
    #expect(d.gradFn?.description == "<AddBackward0>")
  }

  @Test("backward from an intermediate tensor reaches only the leaves below it")
  func fromIntermediate() throws {
    let x = Tensor<Double>([2], requiresGrad: true), w = Tensor<Double>([5], requiresGrad: true)
    let a = try x * x
    let b = try a * w
    try a.backward(retainGraph: true)
    #expect(x.grad?.scalars == [4])
    #expect(w.grad == nil)
    try b.backward()
    #expect(x.grad?.scalars == [4 + 20])  // + ∂(x²w)/∂x = 2xw
    #expect(w.grad?.scalars == [4])  // x²
  }

  @Test("Float tensors run the same graph")
  func floatGraph() throws {
    let x = Tensor<Float>([1, 5, 6, 10, 16], requiresGrad: true)
    try (x * x).backward(gradient: [1, 0.1, 0.1, 0.5, 0.1])
    #expect(tensorClose(x.grad?.scalars, [2, 1, 1.2, 10, 3.2]))
  }
}
