import DualAD
import DualADTensor
import Testing

@Suite("bmm: per-entry products and their pullbacks, Double on OpenBLAS and Dual on the loops, PyTorch's errors")
struct TensorBatchedMatmulTests {
  /// Shapes (batch, n, m, p) of A (b×n×m) · B (b×m×p), with vector-like and empty entries.
  static let shapes: [[Int]] = [[1, 2, 3, 4], [3, 2, 3, 4], [4, 1, 5, 3], [2, 5, 3, 1], [2, 0, 3, 2], [2, 3, 0, 2], [5, 17, 9, 13]]

  @Test("values and both gradients against the textbook sums, entry by entry", arguments: shapes)
  func againstNaiveSums(_ s: [Int]) throws {
    let (batch, n, m, p) = (s[0], s[1], s[2], s[3])
    let a = try Tensor<Double>.randn([batch, n, m], seed: 21, requiresGrad: true)
    let b = try Tensor<Double>.randn([batch, m, p], seed: 22, requiresGrad: true)
    let g = try Tensor<Double>.randn([batch, n, p], seed: 23)
    let c = try bmm(a, b)
    #expect(c.shape == [batch, n, p])
    #expect(c.gradFn?.name == "BmmBackward0")
    try c.backward(gradient: g)
    var (value, gradA, gradB): ([Double], [Double], [Double]) = ([], [], [])
    for e in 0..<batch {
      let entry = naiveMatmul(
        Array(a.scalars[e * n * m ..< (e + 1) * n * m]), Array(b.scalars[e * m * p ..< (e + 1) * m * p]),
        Array(g.scalars[e * n * p ..< (e + 1) * n * p]), m: n, k: m, n: p)
      value += entry.c
      gradA += entry.gradA
      gradB += entry.gradB
    }
    #expect(tensorClose(c.scalars, value))
    #expect(tensorClose(a.grad?.scalars, gradA))
    #expect(tensorClose(b.grad?.scalars, gradB))
  }

  @Test("tensors of Dual values take the generic loops and agree with Double's OpenBLAS path")
  func dualAgreesWithDouble() throws {
    let a = try Tensor<Double>.randn([3, 4, 5], seed: 31), b = try Tensor<Double>.randn([3, 5, 2], seed: 32)
    let tangent = try Tensor<Double>.randn([3, 4, 5], seed: 33)
    let dual = try bmm(Tensor.dual(value: a, tangent: tangent), Tensor.dual(value: b, tangent: Tensor<Double>.zeros([3, 5, 2])))
    // d(A·B) along (Ȧ, 0) is Ȧ·B.
    #expect(tensorClose(dual.value().scalars, try bmm(a, b).scalars))
    #expect(tensorClose(dual.tangent().scalars, try bmm(tangent, b).scalars))
  }

  @Test("double backward: the recorded pullback differentiates again (∂²/∂A∂B of Σ G⊙(A·B) is G's pattern)")
  func doubleBackward() throws {
    let a = try Tensor<Double>.randn([2, 3, 4], seed: 41, requiresGrad: true)
    let b = try Tensor<Double>.randn([2, 4, 2], seed: 42, requiresGrad: true)
    let g = try Tensor<Double>.randn([2, 3, 2], seed: 43)
    let c = try (bmm(a, b) * g).sum()
    let gradA = try gradients(of: c, withRespectTo: [a], createGraph: true)[0]
    // Ā = G·Bᵀ; Σ Ā is linear in B: ∂/∂B[e, j, q] Σ_{i,j'} Σ_q' G[e,i,q']B[e,j',q'] = Σᵢ G[e, i, q].
    try gradA.sum().backward()
    var expected = [Double](repeating: 0, count: 2 * 4 * 2)
    for e in 0..<2 {
      for j in 0..<4 {
        for q in 0..<2 {
          for i in 0..<3 { expected[(e * 4 + j) * 2 + q] += g.scalars[(e * 3 + i) * 2 + q] }
        }
      }
    }
    #expect(tensorClose(b.grad?.scalars, expected))
  }

  @Test("shape mistakes throw PyTorch's messages")
  func errors() throws {
    let a = try Tensor<Double>.zeros([2, 3, 4]), matrix = try Tensor<Double>.zeros([3, 4])
    #expect(throws: TensorError.bmmRank(operand: "batch1", shape: [3, 4])) { try bmm(matrix, a) }
    #expect(throws: TensorError.bmmRank(operand: "batch2", shape: [3, 4])) { try bmm(a, matrix) }
    #expect(throws: TensorError.bmmMismatch(expected: [2, 4], got: [2, 3])) { try bmm(a, a) }
    #expect(throws: TensorError.bmmMismatch(expected: [2, 4], got: [3, 4])) { try bmm(a, Tensor<Double>.zeros([3, 4, 1])) }
    #expect(TensorError.bmmMismatch(expected: [2, 4], got: [2, 3]).description.hasPrefix(
      "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 3]."))
    #expect(TensorError.bmmRank(operand: "batch2", shape: [3, 4]).description.hasPrefix("batch2 must be a 3D tensor"))
  }
}
