import DualAD
import DualADTensor
import Testing

@Suite("Tensor broadcasting (PyTorch's rules) and the gradient summed back to each shape")
struct TensorBroadcastingTests {
  @Test("a row vector is added to every row of a matrix")
  func rowAddedToEveryRow() throws {
    let a = try Tensor<Double>([[1, 2, 3], [4, 5, 6]])
    let b = Tensor<Double>([10, 20, 30])
    let c = try a + b
    #expect(c.shape == [2, 3])
    #expect(c.scalars == [11, 22, 33, 14, 25, 36])
  }

  @Test("a column times a row gives the outer product; each gradient is summed over its broadcast copies")
  func outerProductGradients() throws {
    let a = try Tensor<Double>(shape: [2, 1], scalars: [1, 2], requiresGrad: true)
    let b = Tensor<Double>([1, 2, 3], requiresGrad: true)
    let c = try a * b
    #expect(c.shape == [2, 3])
    #expect(c.scalars == [1, 2, 3, 2, 4, 6])
    try c.sum().backward()
    // ∂/∂aᵢ Σᵢⱼ aᵢbⱼ = Σⱼ bⱼ = 6; ∂/∂bⱼ = Σᵢ aᵢ = 3.
    #expect(a.grad?.shape == [2, 1])
    #expect(a.grad?.scalars == [6, 6])
    #expect(b.grad?.shape == [3])
    #expect(b.grad?.scalars == [3, 3, 3])
  }

  @Test("a weighted backward through a broadcast subtraction")
  func weightedBroadcastSubtraction() throws {
    let a = try Tensor<Double>(shape: [2, 1], scalars: [1, 2], requiresGrad: true)
    let b = try Tensor<Double>(shape: [1, 3], scalars: [1, 2, 3], requiresGrad: true)
    let c = try a - b
    try c.backward(gradient: Tensor([[1, 2, 3], [4, 5, 6]]))
    #expect(a.grad?.scalars == [6, 15])  // row sums of the gradient
    #expect(b.grad?.scalars == [-5, -7, -9])  // minus the column sums
    #expect(b.grad?.shape == [1, 3])
  }

  @Test("rank-3 broadcasting of [2,1,2] with [3,1] gives [2,3,2]")
  func rankThree() throws {
    let a = try Tensor<Double>(shape: [2, 1, 2], scalars: [1, 2, 3, 4], requiresGrad: true)
    let b = try Tensor<Double>(shape: [3, 1], scalars: [10, 20, 30], requiresGrad: true)
    let c = try a + b
    #expect(c.shape == [2, 3, 2])
    #expect(c.scalars == [11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34])
    try c.sum().backward()
    #expect(a.grad?.scalars == [3, 3, 3, 3])  // each aᵢₖ appears once per j
    #expect(b.grad?.scalars == [4, 4, 4])  // each bⱼ appears once per (i, k)
  }

  @Test("a scalar operand and a rank-0 tensor broadcast against anything")
  func scalars() throws {
    let x = Tensor<Double>([1, 2, 3], requiresGrad: true)
    let s = Tensor<Double>(2.0, requiresGrad: true)
    let y = try x * s + 1
    #expect(y.scalars == [3, 5, 7])
    try y.sum().backward()
    #expect(x.grad?.scalars == [2, 2, 2])
    #expect(s.grad?.scalars == [6])
    #expect(s.grad?.shape == [])
  }

  @Test("incompatible shapes throw PyTorch's message")
  func mismatch() throws {
    let a = try Tensor<Double>.ones([2, 3]), b = try Tensor<Double>.ones([2])
    #expect(throws: TensorError.broadcastMismatch(lhs: [2, 3], rhs: [2])) { try a + b }
    do {
      _ = try a * b
    } catch {
      #expect(error.description.hasPrefix(
        "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"))
    }
  }

  @Test("backward accepts a gradient that the output broadcasts to, summing it, as PyTorch does")
  func broadcastableGradient() throws {
    let x = Tensor<Double>([3], requiresGrad: true)
    let y = try (x * x).sum()  // shape []
    try y.backward(gradient: Tensor([2]))  // shape [1]
    #expect(x.grad?.scalars == [12])
  }
}
