import DualAD
import DualADTensor
import Foundation
import Testing

/// σ(z) = 1/(1 + e^−z), written out so that the expected values do not come from the rule table.
private func logistic(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

/// The Hessian of `f` with respect to `x`, one row per second call: row i = ∂(∇f)ᵢ/∂x.
private func hessianRows(of f: Tensor<Double>, at x: Tensor<Double>) throws -> [[Double]] {
  let g = try gradient(of: f, withRespectTo: x, createGraph: true)
  return try (0..<x.count).map { i in
    try gradient(of: g.reshape([-1])[i], withRespectTo: x, retainGraph: true).scalars
  }
}

/// Σₖ aₖ·bₖ.
private func dot(_ a: [Double], _ b: [Double]) -> Double {
  var total = 0.0
  for (x, y) in zip(a, b) { total += x * y }
  return total
}

/// The rows of a row-major matrix.
private func rows(_ flat: [Double], columns: Int) -> [[Double]] {
  stride(from: 0, to: flat.count, by: columns).map { Array(flat[$0..<($0 + columns)]) }
}

/// The transpose of a matrix given by its rows.
private func transpose(_ m: [[Double]]) -> [[Double]] {
  guard let width = m.first?.count else { return [] }
  return (0..<width).map { j in m.map { $0[j] } }
}

/// The product of two matrices given by their rows.
private func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
  let bColumns = transpose(b)
  return a.map { row in bColumns.map { dot(row, $0) } }
}

private func rowsClose(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-12) -> Bool {
  actual.count == expected.count && zip(actual, expected).allSatisfy { tensorClose($0, $1, tolerance: tolerance) }
}

@Suite("Double backward: createGraph records the backward pass, gradients(of:) returns gradients")
struct TensorDoubleBackwardTests {
  @Test("SEEDS E14: the Hessian of the logistic loss in b is diag(σ(z)(1 − σ(z)))/3, row by row")
  func logisticHessianInB() throws {
    let x = try Tensor<Double>.ones([5]), y = try Tensor<Double>.zeros([3])
    let w = try Tensor<Double>.randn([5, 3], seed: 14, requiresGrad: true)
    let b = try Tensor<Double>.randn([3], seed: 41, requiresGrad: true)
    let z = try matmul(x, w) + b
    let loss = try binaryCrossEntropyWithLogits(z, y)

    // By hand: zⱼ = Σᵢ wᵢⱼ + bⱼ (every xᵢ is 1).
    let zByHand = (0..<3).map { j in (0..<5).reduce(0.0) { $0 + w.scalars[$1 * 3 + j] } + b.scalars[j] }
    let s = zByHand.map(logistic)

    let g = try gradient(of: loss, withRespectTo: b, createGraph: true)
    #expect(g.requiresGrad)
    #expect(g.gradFn != nil)
    #expect(tensorClose(g.scalars, s.map { $0 / 3 }))  // the first order, (σ(z) − y)/3 with y = 0
    #expect(b.grad == nil)  // gradients(of:) returns, it does not accumulate

    for i in 0..<3 {
      let row = try gradient(of: g[i], withRespectTo: b, retainGraph: true)
      let expected = (0..<3).map { j in i == j ? s[i] * (1 - s[i]) / 3 : 0 }
      #expect(tensorClose(row.scalars, expected))
    }
  }

  @Test("E14, mixed: ∂²L/∂bⱼ∂wₖₗ = δⱼₗ·xₖ·σ′(zⱼ)/3, from one call for b and w together")
  func logisticMixedSecondDerivative() throws {
    let x = try Tensor<Double>([[1, 2, -1, 0.5, 3]]).reshape([5])
    let y = Tensor<Double>([0, 1, 0])
    let w = try Tensor<Double>.randn([5, 3], seed: 7, requiresGrad: true)
    let b = try Tensor<Double>.randn([3], seed: 8, requiresGrad: true)
    let loss = try binaryCrossEntropyWithLogits(matmul(x, w) + b, y)
    let wColumns = transpose(rows(w.scalars, columns: 3))
    let zByHand = (0..<3).map { j in dot(x.scalars, wColumns[j]) + b.scalars[j] }
    let g = try gradient(of: loss, withRespectTo: b, createGraph: true)
    #expect(tensorClose(g.scalars, (0..<3).map { (logistic(zByHand[$0]) - y.scalars[$0]) / 3 }))
    for j in 0..<3 {
      let both = try gradients(of: g[j], withRespectTo: [b, w], retainGraph: true)
      let sigmaPrime = logistic(zByHand[j]) * (1 - logistic(zByHand[j])) / 3
      #expect(tensorClose(both[0].scalars, (0..<3).map { $0 == j ? sigmaPrime : 0 }))
      let expectedW = (0..<5).flatMap { k in (0..<3).map { l in l == j ? x.scalars[k] * sigmaPrime : 0 } }
      #expect(both[1].shape == [5, 3])
      #expect(tensorClose(both[1].scalars, expectedW))
    }
  }

  @Test("d²/dx² of sum(x³) is 6x, through pow(3) and through x·x·x")
  func cubeSecondDerivative() throws {
    let values = [-1.5, 0.5, 2, 3]
    let byPower: (Tensor<Double>) throws -> Tensor<Double> = { x in x.pow(3) }
    let byProduct: (Tensor<Double>) throws -> Tensor<Double> = { x in
      let square = try x * x
      return try square * x
    }
    for cube in [byPower, byProduct] {
      let x = Tensor<Double>(values, requiresGrad: true)
      let g = try gradient(of: cube(x).sum(), withRespectTo: x, createGraph: true)
      #expect(tensorClose(g.scalars, values.map { 3 * $0 * $0 }))
      // The Hessian is diagonal, so the gradient of Σᵢ gᵢ is its diagonal.
      let second = try gradient(of: g.sum(), withRespectTo: x)
      #expect(tensorClose(second.scalars, values.map { 6 * $0 }))
      #expect(rowsClose(
        try hessianRows(of: cube(x).sum(), at: x),
        values.indices.map { i in values.indices.map { j in i == j ? 6 * values[i] : 0 } }))
    }
  }

  @Test("backward(createGraph: true) fills grad with a gradient that has a gradFn; it accumulates as in PyTorch")
  func backwardCreateGraph() throws {
    let values = [-1.5, 0.5, 2]
    let x = Tensor<Double>(values, requiresGrad: true)
    let y = x.pow(3).sum()
    try y.backward(createGraph: true)
    let g = try #require(x.grad)
    #expect(g.requiresGrad)
    #expect(g.gradFn != nil)
    #expect(tensorClose(g.scalars, values.map { 3 * $0 * $0 }))
    #expect(y.gradFn?.savedTensorsFreed == false)  // createGraph implies retainGraph

    x.zeroGrad()
    try g.sum().backward()
    #expect(tensorClose(x.grad?.scalars, values.map { 6 * $0 }))

    // Without zeroGrad the second backward adds to the first gradient: 3x² + 6x.
    let x2 = Tensor<Double>(values, requiresGrad: true)
    try x2.pow(3).sum().backward(createGraph: true)
    try #require(x2.grad).sum().backward()
    #expect(tensorClose(x2.grad?.scalars, values.map { 3 * $0 * $0 + 6 * $0 }))
  }

  @Test("d²/dx² of sum(sin x) is −sin x, and the third derivative −cos x")
  func sineHigherDerivatives() throws {
    let values = [-2.0, -0.3, 0.7, 1.9]
    let x = Tensor<Double>(values, requiresGrad: true)
    let first = try gradient(of: x.applying(.sin).sum(), withRespectTo: x, createGraph: true)
    #expect(tensorClose(first.scalars, values.map(Foundation.cos)))
    let second = try gradient(of: first.sum(), withRespectTo: x, createGraph: true)
    #expect(tensorClose(second.scalars, values.map { -Foundation.sin($0) }))
    let third = try gradient(of: second.sum(), withRespectTo: x)
    #expect(tensorClose(third.scalars, values.map { -Foundation.cos($0) }))
  }

  @Test("the Hessian of sum((A x)²) in x is 2AᵀA, and of sum((x W)²) is 2WWᵀ")
  func matmulHessian() throws {
    let a = [[1.0, 2, -1], [0.5, -3, 4]]
    let aTensor = try Tensor<Double>(a)
    let x = Tensor<Double>([0.3, -1.2, 2.5], requiresGrad: true)
    let f = try matmul(aTensor, x).pow(2).sum()  // MvBackward0
    let expected = product(transpose(a), a).map { $0.map { 2 * $0 } }
    #expect(rowsClose(try hessianRows(of: f, at: x), expected))

    let w = try Tensor<Double>([[1.0, -2], [0.5, 3], [2, 0.25]])  // 3×2
    let v = Tensor<Double>([1, 2, -1], requiresGrad: true)
    let h = try matmul(v, w).pow(2).sum()  // a vector on the left: MmBackward0
    let wRows = rows(w.scalars, columns: 2)
    let wwT = product(wRows, transpose(wRows)).map { $0.map { 2 * $0 } }
    #expect(rowsClose(try hessianRows(of: h, at: v), wwT))
  }

  @Test("matrix·matrix: for f = sum((A B)²), the Hessian-vector product in B is 2AᵀA·V")
  func matmulHessianVectorProductInMatrix() throws {
    let a = try Tensor<Double>([[1, 2], [-1, 0.5], [3, -2]])  // 3×2
    let b = try Tensor<Double>([[0.5, -1, 2], [1.5, 0.25, -0.5]], requiresGrad: true)  // 2×3
    let v = try Tensor<Double>([[1, 0, -2], [0.5, 3, 1]])
    let gB = try gradient(of: matmul(a, b).pow(2).sum(), withRespectTo: b, createGraph: true)
    let hv = try gradient(of: gB, withRespectTo: b, gradient: v)
    // 2AᵀA·V by hand.
    let aRows = rows(a.scalars, columns: 2)
    let aTaV = product(product(transpose(aRows), aRows), rows(v.scalars, columns: 3))
    let expected = aTaV.flatMap { $0.map { 2 * $0 } }
    #expect(hv.shape == [2, 3])
    #expect(tensorClose(hv.scalars, expected))
  }

  @Test("sigmoid and softplus: softplus″ = σ(1 − σ), σ″ = σ(1 − σ)(1 − 2σ); PyTorch's node names")
  func sigmoidSoftplus() throws {
    let values = [-3.0, -0.5, 0, 1.25, 4]
    let x = Tensor<Double>(values, requiresGrad: true)
    let gSoftplus = try gradient(of: x.softplus().sum(), withRespectTo: x, createGraph: true)
    #expect(tensorClose(gSoftplus.scalars, values.map(logistic)))
    #expect(gSoftplus.gradFn?.name == "MulBackward0")
    #expect(gSoftplus.gradFn?.nextFunctions.contains("SoftplusBackwardBackward0") == true)
    let hSoftplus = try gradient(of: gSoftplus.sum(), withRespectTo: x)
    #expect(tensorClose(hSoftplus.scalars, values.map { logistic($0) * (1 - logistic($0)) }))

    let gSigmoid = try gradient(of: x.sigmoid().sum(), withRespectTo: x, createGraph: true)
    #expect(tensorClose(gSigmoid.scalars, values.map { logistic($0) * (1 - logistic($0)) }))
    let hSigmoid = try gradient(of: gSigmoid.sum(), withRespectTo: x)
    #expect(tensorClose(hSigmoid.scalars, values.map { let s = logistic($0); return s * (1 - s) * (1 - 2 * s) }))
  }

  @Test("broadcasting: for f = Σ y ⊙ σ(x) with x (3) broadcast over y (2×3), ∂²f/∂x∂y and ∂²f/∂x²")
  func broadcastingSecondDerivatives() throws {
    let xs = [-1.0, 0.5, 2], ys = [[1.0, -2, 0.5], [3, 1, -1]]
    let x = Tensor<Double>(xs, requiresGrad: true)
    let y = try Tensor<Double>(ys, requiresGrad: true)
    let f = try (y * x.sigmoid()).sum()
    let gx = try gradient(of: f, withRespectTo: x, createGraph: true)
    let colSums = (0..<3).map { j in ys[0][j] + ys[1][j] }
    let s = xs.map(logistic)
    let sigmaPrime = s.map { $0 * (1 - $0) }
    let sigmaSecond: [Double] = s.map { $0 * (1 - $0) * (1 - 2 * $0) }
    #expect(tensorClose(gx.scalars, (0..<3).map { colSums[$0] * sigmaPrime[$0] }))
    // ∂/∂y of ⟨gx, 1⟩: every row is σ′(x).
    let mixed = try gradient(of: gx, withRespectTo: y, gradient: Tensor<Double>([1, 1, 1]), retainGraph: true)
    #expect(mixed.shape == [2, 3])
    #expect(tensorClose(mixed.scalars, sigmaPrime + sigmaPrime))
    let diagonal = try gradient(of: gx.sum(), withRespectTo: x)
    #expect(tensorClose(diagonal.scalars, (0..<3).map { colSums[$0] * sigmaSecond[$0] }))
  }

  @Test("reductions: the Hessian of mean(x²) is (2/n)·I, of Σ(x − mean(x, dim 1))² is 2(I − J/n) per row")
  func reductionHessians() throws {
    let x = Tensor<Double>([1, -2, 0.5, 4], requiresGrad: true)
    let meanSquare = try hessianRows(of: (x * x).mean(), at: x)
    #expect(rowsClose(meanSquare, (0..<4).map { i in (0..<4).map { j in i == j ? 0.5 : 0 } }))

    let m = try Tensor<Double>([[1, 2, 4], [-1, 0, 3]], requiresGrad: true)
    let centered = try m - m.mean(dim: 1, keepdim: true)
    let f = try (centered * centered).sum(dim: 1).sum()
    let expected: [[Double]] = (0..<6).map { p in
      (0..<6).map { q in
        guard p / 3 == q / 3 else { return 0 }
        let identity: Double = p == q ? 1 : 0
        return 2 * (identity - 1.0 / 3)
      }
    }
    #expect(rowsClose(try hessianRows(of: f, at: m), expected, tolerance: 1e-14))
  }

  @Test("logsumexp: the Hessian is diag(s) − s sᵀ with s = softmax(x), finite at x = 1000")
  func logsumexpHessian() throws {
    for shift in [0.0, 1000] {
      let values = [0.5, -1, 2].map { $0 + shift }
      let x = Tensor<Double>(values, requiresGrad: true)
      let e = values.map { Foundation.exp($0 - shift) }
      let s = e.map { $0 / e.reduce(0, +) }
      let expected = (0..<3).map { i in (0..<3).map { j in (i == j ? s[i] : 0) - s[i] * s[j] } }
      #expect(rowsClose(try hessianRows(of: x.logsumexp(), at: x), expected, tolerance: 1e-10))
    }
  }

  @Test("BCE-with-logits: ∂²ℓ/∂z² = σ′(z)·scale and ∂²ℓ/∂z∂y = −1·scale, for every reduction")
  func bceSecondDerivatives() throws {
    let zs = [-30.0, -0.5, 0.75, 100]
    let ys = [0.0, 1, 0.25, 0]
    for (reduction, scale) in [(LossReduction.mean, 0.25), (.sum, 1), (.none, 1)] {
      let z = Tensor<Double>(zs, requiresGrad: true)
      let y = Tensor<Double>(ys, requiresGrad: true)
      let loss = try binaryCrossEntropyWithLogits(z, y, reduction: reduction)
      let seed: Tensor<Double>? = reduction == .none ? Tensor<Double>([1, 1, 1, 1]) : nil
      let gz = try gradient(of: loss, withRespectTo: z, gradient: seed, createGraph: true)
      #expect(tensorClose(gz.scalars, zs.indices.map { (logistic(zs[$0]) - ys[$0]) * scale }))
      let both = try gradients(of: gz.sum(), withRespectTo: [z, y])
      #expect(tensorClose(both[0].scalars, zs.map { logistic($0) * (1 - logistic($0)) * scale }))
      #expect(tensorClose(both[1].scalars, zs.map { _ in -scale }))
    }
  }

  @Test("the first order is unchanged: gradients(of:) with and without createGraph equals backward()")
  func firstOrderUnchanged() throws {
    func model() throws -> (loss: Tensor<Double>, w: Tensor<Double>, b: Tensor<Double>) {
      let x = try Tensor<Double>.randn([4, 5], seed: 3)
      let w = try Tensor<Double>.randn([5, 3], seed: 4, requiresGrad: true)
      let b = try Tensor<Double>.randn([3], seed: 5, requiresGrad: true)
      let y = try Tensor<Double>.rand([4, 3], seed: 6)
      let h = try (matmul(x, w) + b).tanh()
      return (try binaryCrossEntropyWithLogits(h * 2.0 - h.exp().mean(dim: 0, keepdim: true), y), w, b)
    }
    let reference = try model()
    try reference.loss.backward()
    for createGraph in [false, true] {
      let run = try model()
      let found = try gradients(of: run.loss, withRespectTo: [run.w, run.b], createGraph: createGraph)
      #expect(found[0].requiresGrad == createGraph)
      #expect(tensorClose(found[0].scalars, try #require(reference.w.grad).scalars, tolerance: 1e-14))
      #expect(tensorClose(found[1].scalars, try #require(reference.b.grad).scalars, tolerance: 1e-14))
    }
  }

  @Test("gradients(of:) with respect to an intermediate tensor stops there and writes no grad")
  func gradientAtIntermediate() throws {
    let x = Tensor<Double>([0.5, 2], requiresGrad: true)
    let y = try x * x
    let f = y.applying(.sin).sum()
    let gy = try gradient(of: f, withRespectTo: y)
    #expect(tensorClose(gy.scalars, [Foundation.cos(0.25), Foundation.cos(4)]))
    #expect(x.grad == nil)
    #expect(gy.isLeaf)
    #expect(gy.requiresGrad == false)
  }

  @Test("createGraph false frees the graph and returns plain tensors")
  func withoutCreateGraphTheGraphIsFreed() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let y = x.exp().sum()
    let g = try gradient(of: y, withRespectTo: x)
    #expect(g.gradFn == nil)
    #expect(g.requiresGrad == false)
    #expect(tensorClose(g.scalars, [Foundation.exp(1), Foundation.exp(2)]))
    #expect(throws: TensorError.graphFreed(node: "ExpBackward0")) { try gradient(of: y, withRespectTo: x) }

    let kept = x.exp().sum()
    _ = try gradient(of: kept, withRespectTo: x, retainGraph: true)
    #expect(tensorClose(try gradient(of: kept, withRespectTo: x).scalars, [Foundation.exp(1), Foundation.exp(2)]))
  }

  @Test("a second derivative of a gradient that was not recorded throws backwardNotRecorded")
  func unrecordedGradientError() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let g = try gradient(of: x.pow(3).sum(), withRespectTo: x)
    #expect(throws: TensorError.backwardNotRecorded) { try gradient(of: g.sum(), withRespectTo: x) }
    #expect(throws: TensorError.backwardNotRecorded) { try g[0].backward() }

    try x.pow(3).sum().backward()
    let grad = try #require(x.grad)
    #expect(throws: TensorError.backwardNotRecorded) { try (grad * grad).sum().backward() }
    #expect(TensorError.backwardNotRecorded.description.contains("createGraph: true"))

    // A tensor that simply does not require grad keeps PyTorch's first message.
    #expect(throws: TensorError.doesNotRequireGrad) { try Tensor<Double>([1, 2]).sum().backward() }
  }

  @Test("inputs that do not require grad or are not used throw PyTorch's errors; allowUnused gives zeros")
  func inputErrors() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let unused = Tensor<Double>([3, 4, 5], requiresGrad: true)
    let constant = Tensor<Double>([1, 1])
    let f = try (x * x).sum()
    #expect(throws: TensorError.inputDoesNotRequireGrad(index: 1)) {
      try gradients(of: f, withRespectTo: [x, constant], retainGraph: true)
    }
    #expect(throws: TensorError.unusedInput(index: 1)) {
      try gradients(of: f, withRespectTo: [x, unused], retainGraph: true)
    }
    #expect(TensorError.unusedInput(index: 1).description.contains("allowUnused: true"))
    for createGraph in [false, true] {
      let found = try gradients(
        of: f, withRespectTo: [x, unused], retainGraph: true, createGraph: createGraph, allowUnused: true)
      #expect(found[0].scalars == [2, 4])
      #expect(found[1].scalars == [0, 0, 0])
    }
    #expect(f.gradFn?.savedTensorsFreed == false)  // the errors freed nothing
  }

  @Test("Float tensors: the Hessian of sum(x³) is diag(6x)")
  func floatHessian() throws {
    let x = Tensor<Float>([1, -2, 0.5], requiresGrad: true)
    let g = try gradient(of: x.pow(3).sum(), withRespectTo: x, createGraph: true)
    let rows = try (0..<3).map { i in try gradient(of: g[i], withRespectTo: x, retainGraph: true).scalars }
    #expect(tensorClose(rows[0], [6, 0, 0]))
    #expect(tensorClose(rows[1], [0, -12, 0]))
    #expect(tensorClose(rows[2], [0, 0, 3]))
  }
}
