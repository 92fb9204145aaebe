import DualAD
@testable import DualADTensor
import Testing

/// One matmul operand pair: the shapes of A and B, rank 1 or 2.
struct MatmulShapes: Sendable, CustomTestStringConvertible {
  let lhs: [Int], rhs: [Int]
  var testDescription: String { "\(lhs)·\(rhs)" }

  /// m, k, n of the product, a vector read as a 1×k row on the left and a k×1 column on the right.
  var sizes: (m: Int, k: Int, n: Int) {
    (lhs.count == 2 ? lhs[0] : 1, lhs.last ?? 0, rhs.count == 2 ? rhs[1] : 1)
  }
  var output: [Int] { (lhs.count == 2 ? [lhs[0]] : []) + (rhs.count == 2 ? [rhs[1]] : []) }
}

/// C = A·B, Ā = Ḡ·Bᵀ and B̄ = Aᵀ·Ḡ by the textbook sums, in Double.
func naiveMatmul(_ a: [Double], _ b: [Double], _ g: [Double], m: Int, k: Int, n: Int)
  -> (c: [Double], gradA: [Double], gradB: [Double])
{
  var c = [Double](repeating: 0, count: m * n)
  var gradA = [Double](repeating: 0, count: m * k), gradB = [Double](repeating: 0, count: k * n)
  for i in 0..<m {
    for j in 0..<n {
      for p in 0..<k {
        c[i * n + j] += a[i * k + p] * b[p * n + j]
        gradA[i * k + p] += g[i * n + j] * b[p * n + j]
        gradB[p * n + j] += a[i * k + p] * g[i * n + j]
      }
    }
  }
  return (c, gradA, gradB)
}

@Suite("matmul on OpenBLAS: every rank case, Double and Float, empty and 1-sized sizes, transposed operands")
struct TensorMatmulBLASTests {
  static let shapes: [MatmulShapes] = [
    // vector·vector (dot)
    .init(lhs: [0], rhs: [0]), .init(lhs: [1], rhs: [1]), .init(lhs: [7], rhs: [7]),
    // vector·matrix (gemv, B read transposed)
    .init(lhs: [0], rhs: [0, 3]), .init(lhs: [3], rhs: [3, 0]), .init(lhs: [1], rhs: [1, 1]),
    .init(lhs: [1], rhs: [1, 5]), .init(lhs: [6], rhs: [6, 1]), .init(lhs: [9], rhs: [9, 4]),
    // matrix·vector (gemv)
    .init(lhs: [3, 0], rhs: [0]), .init(lhs: [0, 3], rhs: [3]), .init(lhs: [1, 1], rhs: [1]),
    .init(lhs: [5, 1], rhs: [1]), .init(lhs: [1, 6], rhs: [6]), .init(lhs: [4, 9], rhs: [9]),
    // matrix·matrix (gemm, and gemv or dot when a side is 1)
    .init(lhs: [0, 3], rhs: [3, 2]), .init(lhs: [2, 0], rhs: [0, 3]), .init(lhs: [2, 3], rhs: [3, 0]),
    .init(lhs: [1, 1], rhs: [1, 1]), .init(lhs: [1, 5], rhs: [5, 1]), .init(lhs: [4, 1], rhs: [1, 3]),
    .init(lhs: [1, 4], rhs: [4, 6]), .init(lhs: [6, 4], rhs: [4, 1]), .init(lhs: [17, 9], rhs: [9, 13]),
    .init(lhs: [64, 33], rhs: [33, 70]),
  ]

  /// Random operands and output gradient for `shapes`, from fixed seeds.
  func operands(_ shapes: MatmulShapes) throws -> (a: [Double], b: [Double], g: [Double]) {
    let (m, k, n) = shapes.sizes
    return (
      try Tensor<Double>.randn([m * k], seed: 11).scalars, try Tensor<Double>.randn([k * n], seed: 12).scalars,
      try Tensor<Double>.randn([m * n], seed: 13).scalars
    )
  }

  @Test("Double: value and both gradients against the textbook sums", arguments: shapes)
  func double(_ shapes: MatmulShapes) throws {
    let (m, k, n) = shapes.sizes
    let (a, b, g) = try operands(shapes)
    let ta = try Tensor<Double>(shape: shapes.lhs, scalars: a, requiresGrad: true)
    let tb = try Tensor<Double>(shape: shapes.rhs, scalars: b, requiresGrad: true)
    let c = try matmul(ta, tb)
    #expect(c.shape == shapes.output)
    try c.backward(gradient: Tensor(shape: shapes.output, scalars: g))
    let expected = naiveMatmul(a, b, g, m: m, k: k, n: n)
    #expect(tensorClose(c.scalars, expected.c))
    #expect(tensorClose(ta.grad?.scalars, expected.gradA))
    #expect(tensorClose(tb.grad?.scalars, expected.gradB))
  }

  @Test("Float: value and both gradients against the textbook sums in Double", arguments: shapes)
  func float(_ shapes: MatmulShapes) throws {
    let (m, k, n) = shapes.sizes
    let (a, b, g) = try operands(shapes)
    let (fa, fb, fg) = (a.map { Float($0) }, b.map { Float($0) }, g.map { Float($0) })
    let ta = try Tensor<Float>(shape: shapes.lhs, scalars: fa, requiresGrad: true)
    let tb = try Tensor<Float>(shape: shapes.rhs, scalars: fb, requiresGrad: true)
    let c = try matmul(ta, tb)
    #expect(c.shape == shapes.output)
    try c.backward(gradient: Tensor(shape: shapes.output, scalars: fg))
    let expected = naiveMatmul(fa.map(Double.init), fb.map(Double.init), fg.map(Double.init), m: m, k: k, n: n)
    #expect(tensorClose(c.scalars, expected.c, tolerance: 1e-5))
    #expect(tensorClose(ta.grad?.scalars, expected.gradA, tolerance: 1e-5))
    #expect(tensorClose(tb.grad?.scalars, expected.gradB, tolerance: 1e-5))
  }

  @Test("Dual<Double> runs the generic loops: its values and gradients equal the BLAS ones", arguments: shapes)
  func dualAgainstBLAS(_ shapes: MatmulShapes) throws {
    let (a, b, g) = try operands(shapes)
    let da = try Tensor<Dual<Double>>(shape: shapes.lhs, scalars: a.map { Dual(value: $0, tangent: 1) }, requiresGrad: true)
    let db = try Tensor<Dual<Double>>(shape: shapes.rhs, scalars: b.map { Dual(value: $0, tangent: 0) }, requiresGrad: true)
    let dc = try matmul(da, db)
    try dc.backward(gradient: Tensor(shape: shapes.output, scalars: g.map { Dual(value: $0, tangent: 0) }))
    let ta = try Tensor<Double>(shape: shapes.lhs, scalars: a, requiresGrad: true)
    let tb = try Tensor<Double>(shape: shapes.rhs, scalars: b, requiresGrad: true)
    let c = try matmul(ta, tb)
    try c.backward(gradient: Tensor(shape: shapes.output, scalars: g))
    #expect(tensorClose(dc.scalars.map(\.value), c.scalars))
    #expect(tensorClose(da.grad?.scalars.map(\.value), ta.grad?.scalars ?? [.nan]))
    #expect(tensorClose(db.grad?.scalars.map(\.value), tb.grad?.scalars ?? [.nan]))
    // The tangent of A·B along Ȧ = ones is ones·B: each output's tangent is a column sum of B.
    let (m, k, n) = shapes.sizes
    let columnSums = (0..<n).map { j in (0..<k).reduce(0.0) { $0 + b[$1 * n + j] } }
    #expect(tensorClose(dc.scalars.map(\.tangent), (0..<m).flatMap { _ in columnSums }))
  }

  @Test("transposed operands: Aᵀ·Bᵀ and its gradients, through TBackward0", arguments: [(3, 4, 5), (1, 4, 5), (3, 1, 5), (3, 4, 1), (0, 2, 3)])
  func transposedOperands(_ m: Int, _ k: Int, _ n: Int) throws {
    // A is stored k×m and B n×k; the product of their transposes is m×n.
    let a = try Tensor<Double>.randn([k * m], seed: 21).scalars, b = try Tensor<Double>.randn([n * k], seed: 22).scalars
    let g = try Tensor<Double>.randn([m * n], seed: 23).scalars
    let ta = try Tensor<Double>(shape: [k, m], scalars: a, requiresGrad: true)
    let tb = try Tensor<Double>(shape: [n, k], scalars: b, requiresGrad: true)
    let c = try matmul(ta.transposed(), tb.transposed())
    try c.backward(gradient: Tensor(shape: [m, n], scalars: g))
    let aT = (0..<m * k).map { a[($0 % k) * m + $0 / k] }, bT = (0..<k * n).map { b[($0 % n) * k + $0 / n] }
    let expected = naiveMatmul(aT, bT, g, m: m, k: k, n: n)
    #expect(tensorClose(c.scalars, expected.c))
    // Gradients of the stored k×m and n×k tensors are the transposes of Ā and B̄.
    #expect(tensorClose(ta.grad?.scalars, (0..<k * m).map { expected.gradA[($0 % m) * k + $0 / m] }))
    #expect(tensorClose(tb.grad?.scalars, (0..<n * k).map { expected.gradB[($0 % k) * n + $0 / k] }))
  }

  @Test("BLAS.product itself, for the shapes the Tensor API gives to the loops (fewer than 4 096 multiply-adds)", arguments: shapes)
  func blasProduct(_ shapes: MatmulShapes) throws {
    let (m, k, n) = shapes.sizes
    let (a, b, g) = try operands(shapes)
    let expected = naiveMatmul(a, b, g, m: m, k: k, n: n)
    #expect(tensorClose(BLAS.product(a, b, m: m, k: k, n: n, transposeA: false, transposeB: false), expected.c))
    // Ā = Ḡ·Bᵀ and B̄ = Aᵀ·Ḡ with the transposed operand read in place, as the pullback does.
    #expect(tensorClose(BLAS.product(g, b, m: m, k: n, n: k, transposeA: false, transposeB: true), expected.gradA))
    #expect(tensorClose(BLAS.product(a, g, m: k, k: m, n: n, transposeA: true, transposeB: false), expected.gradB))
    let float = BLAS.product(a.map { Float($0) }, b.map { Float($0) }, m: m, k: k, n: n, transposeA: false, transposeB: false)
    #expect(tensorClose(float, expected.c, tolerance: 1e-5))
  }

  @Test("a small product is the same bits for Double, Dual and Variable: (1/0.4)·0.4 + (1/−0.7)·0.7")
  func smallProductsAgreeInEveryMode() throws {
    // Exactly 0 in plain multiply-adds; 4.1e-17 in OpenBLAS's ddot, which fuses them.
    let a: [Double] = [1 / 0.4, 1 / -0.7], b: [Double] = [0.4, 0.7]
    #expect(try matmul(Tensor<Double>(a), Tensor<Double>(b)).scalars == [0])
    let dual = try matmul(Tensor<Dual<Double>>(a.map { Dual(value: $0, tangent: 1) }), Tensor<Dual<Double>>(b.map { Dual($0) }))
    #expect(dual.scalars.map(\.value) == [0])
  }

  @Test("by hand: an outer product from backward, a 1×1 product and an empty inner size giving zeros")
  func byHand() throws {
    // [1, 2]·[[3], [4]]... as vector·matrix: B̄ = aᵀ·ḡ is the outer product of a and ḡ.
    let v = Tensor<Float>([1, 2], requiresGrad: true)
    let w = try Tensor<Float>([[3, 4, 5], [6, 7, 8]], requiresGrad: true)
    let y = try matmul(v, w)
    #expect(y.scalars == [15, 18, 21])
    try y.backward(gradient: [1, 0, -1])
    #expect(w.grad?.scalars == [1, 0, -1, 2, 0, -2])
    #expect(v.grad?.scalars == [-2, -2])  // ḡ·Wᵀ: 3 − 5, 6 − 8
    #expect(try matmul(Tensor<Double>([[-2]]), Tensor<Double>([[4]])).scalars == [-8])
    let empty = try matmul(Tensor<Double>.zeros([2, 0]), Tensor<Double>.zeros([0, 3]))
    #expect(empty.shape == [2, 3])
    #expect(empty.scalars == [0, 0, 0, 0, 0, 0])
  }
}
