import DualAD
import DualADTensor
import Testing

@Suite("matmul: matrix·matrix, vector·matrix, matrix·vector, vector·vector, and their pullbacks")
struct TensorMatmulTests {
  let a: [[Double]] = [[1, 2, 3], [4, 5, 6]]
  let b: [[Double]] = [[7, 8], [9, 10], [11, 12]]

  @Test("a 2×3 times a 3×2 matrix, by hand")
  func matrixMatrix() throws {
    let c = try matmul(Tensor<Double>(a), Tensor<Double>(b))
    #expect(c.shape == [2, 2])
    #expect(c.scalars == [58, 64, 139, 154])
  }

  @Test("vector·matrix, matrix·vector and vector·vector, with PyTorch's node names")
  func vectorForms() throws {
    let v = Tensor<Double>([1, 2], requiresGrad: true)
    let vm = try matmul(v, Tensor<Double>(a))
    #expect(vm.shape == [3])
    #expect(vm.scalars == [9, 12, 15])
    #expect(vm.gradFn?.name == "MmBackward0")

    let mv = try matmul(Tensor<Double>(a, requiresGrad: true), Tensor<Double>([1, 0, -1]))
    #expect(mv.shape == [2])
    #expect(mv.scalars == [-2, -2])
    #expect(mv.gradFn?.name == "MvBackward0")

    let p = Tensor<Double>([1, 2, 3], requiresGrad: true), q = Tensor<Double>([4, 5, 6], requiresGrad: true)
    let dot = try matmul(p, q)
    #expect(dot.shape == [])
    #expect(dot.scalars == [32])
    #expect(dot.gradFn?.name == "DotBackward0")
    try dot.backward()
    #expect(p.grad?.scalars == [4, 5, 6])
    #expect(q.grad?.scalars == [1, 2, 3])
  }

  @Test("Ā = Ḡ·Bᵀ and B̄ = Aᵀ·Ḡ: with Ḡ = ones and with Ḡ = I")
  func matrixGradients() throws {
    let ta = try Tensor<Double>(a, requiresGrad: true), tb = try Tensor<Double>(b, requiresGrad: true)
    let c = try matmul(ta, tb)
    #expect(c.gradFn?.name == "MmBackward0")
    try c.sum().backward(retainGraph: true)
    #expect(ta.grad?.scalars == [15, 19, 23, 15, 19, 23])  // row sums of B, in every row
    #expect(tb.grad?.scalars == [5, 5, 7, 7, 9, 9])  // column sums of A, in every column
    ta.zeroGrad()
    tb.zeroGrad()
    try c.backward(gradient: Tensor([[1, 0], [0, 1]]))
    #expect(ta.grad?.scalars == [7, 9, 11, 8, 10, 12])  // Bᵀ
    #expect(tb.grad?.scalars == [1, 4, 2, 5, 3, 6])  // Aᵀ
  }

  @Test("a 37×53 by 53×29 product and its pullbacks agree with a naive triple loop")
  func largerAgainstNaiveLoop() throws {
    let (m, k, n) = (37, 53, 29)
    let x = try Tensor<Double>.randn([m, k], seed: 7, requiresGrad: true)
    let w = try Tensor<Double>.randn([k, n], seed: 8, requiresGrad: true)
    let g = try Tensor<Double>.randn([m, n], seed: 9)
    let c = try matmul(x, w)
    try c.backward(gradient: g)
    var product = [Double](repeating: 0, count: m * n)
    var gradX = [Double](repeating: 0, count: m * k), gradW = [Double](repeating: 0, count: k * n)
    for i in 0..<m {
      for j in 0..<n {
        for p in 0..<k {
          product[i * n + j] += x.scalars[i * k + p] * w.scalars[p * n + j]
          gradX[i * k + p] += g.scalars[i * n + j] * w.scalars[p * n + j]
          gradW[p * n + j] += x.scalars[i * k + p] * g.scalars[i * n + j]
        }
      }
    }
    #expect(tensorClose(c.scalars, product))
    #expect(tensorClose(x.grad?.scalars, gradX))
    #expect(tensorClose(w.grad?.scalars, gradW))
  }

  @Test("Float matmul")
  func floatMatmul() throws {
    let c = try matmul(Tensor<Float>([[1, 2], [3, 4]]), Tensor<Float>([[5, 6], [7, 8]]))
    #expect(c.scalars == [19, 22, 43, 50])
  }

  @Test("shapes that cannot be multiplied throw PyTorch's message")
  func errors() throws {
    let p = try Tensor<Double>.ones([2, 3]), q = try Tensor<Double>.ones([4, 5])
    #expect(throws: TensorError.matmulMismatch(lhs: [2, 3], rhs: [4, 5])) { try matmul(p, q) }
    do {
      _ = try matmul(p, q)
    } catch {
      #expect(error.description.hasPrefix("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"))
    }
    let cube = try Tensor<Double>.ones([2, 2, 2])
    #expect(throws: TensorError.matmulRank(lhs: [2, 2, 2], rhs: [2, 3])) { try matmul(cube, p) }
    #expect(throws: TensorError.matmulRank(lhs: [], rhs: [2, 3])) { try matmul(Tensor<Double>(1.0), p) }
  }
}
