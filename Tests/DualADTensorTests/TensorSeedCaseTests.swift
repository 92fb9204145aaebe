import DualAD
import DualADTensor
import Foundation
import Testing

/// Whether a type can be a tensor's element type, asked at run time.
private func isADScalar(_ type: Any.Type) -> Bool { type is any ADScalar.Type }

/// The acceptance cases of SEEDS.md, one test each, with PyTorch's figures.
@Suite("Seed cases on the Tensor API")
struct TensorSeedCaseTests {
  @Test("1. backward() of a one-element x*x at 16 gives 32")
  func case1ScalarBackward() throws {
    let x = Tensor<Double>([16], requiresGrad: true)
    let y = try x * x
    try y.backward()
    #expect(x.grad?.scalars == [32])
    #expect(x.grad?.shape == [1])
  }

  @Test("2. backward() of a two-element output throws and writes nothing")
  func case2NonScalarNeedsGradient() throws {
    let x = Tensor<Double>([1, 16], requiresGrad: true)
    let y = try x * x
    #expect(throws: TensorError.implicitGradientForNonScalar(shape: [2])) { try y.backward() }
    do {
      try y.backward()
    } catch {
      #expect(error.description.hasPrefix("grad can be implicitly created only for scalar outputs"))
    }
    #expect(x.grad == nil)
  }

  @Test("3. backward(ones) of x*x gives 2x")
  func case3OnesGradient() throws {
    let x = Tensor<Double>([1, 5, 6, 10, 16], requiresGrad: true)
    let y = try x * x
    try y.backward(gradient: Tensor.ones([5]), retainGraph: true)
    #expect(x.grad?.scalars == [2, 10, 12, 20, 32])
  }

  @Test("4. backward(v) weights each output: vᵀ·diag(2x)")
  func case4WeightedGradient() throws {
    let x = Tensor<Double>([1, 5, 6, 10, 16], requiresGrad: true)
    let y = try x * x
    try y.backward(gradient: [1, 0.1, 0.1, 0.5, 0.1])
    #expect(tensorClose(x.grad?.scalars, [2, 1, 1.2, 10, 3.2]))
  }

  @Test("5. three retained backward calls accumulate into x.grad")
  func case5Accumulation() throws {
    let x = Tensor<Double>([1, 5, 6, 10, 16], requiresGrad: true)
    let y = try x * x
    try y.backward(gradient: Tensor.ones([5]), retainGraph: true)
    #expect(tensorClose(x.grad?.scalars, [2, 10, 12, 20, 32]))
    try y.backward(gradient: Tensor.full([5], 0.1), retainGraph: true)
    #expect(tensorClose(x.grad?.scalars, [2.2, 11, 13.2, 22, 35.2]))
    try y.backward(gradient: [0.5, 0.1, 0.1, 0.1, 0.2], retainGraph: true)
    #expect(tensorClose(x.grad?.scalars, [3.2, 12, 14.4, 24, 41.6]))
  }

  @Test("6. a second backward through a freed graph throws; x.grad keeps the first result")
  func case6SecondBackwardThrows() throws {
    let x = Tensor<Double>([1, 5, 6, 10, 16], requiresGrad: true)
    let y = try x * x
    try y.backward(gradient: Tensor.ones([5]))
    #expect(throws: TensorError.graphFreed(node: "MulBackward0")) {
      try y.backward(gradient: Tensor.ones([5]))
    }
    do {
      try y.backward(gradient: Tensor.ones([5]))
    } catch {
      #expect(error.description.hasPrefix("Trying to backward through the graph a second time"))
      #expect(error.description.contains("retainGraph: true"))
    }
    #expect(x.grad?.scalars == [2, 10, 12, 20, 32])
  }

  @Test("7. y = z; y.backward(z) gives z, not ones: vᵀI = v")
  func case7IdentityGivesV() throws {
    let z = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
    #expect(z.scalars == [-1, -0.5, 0, 0.5, 1])
    let y = z
    try y.backward(gradient: z)
    #expect(z.grad?.scalars == [-1, -0.5, 0, 0.5, 1])
  }

  @Test("8. y = z²; y.backward(z) gives 2z·z, and z.grad / z is the derivative 2z")
  func case8SquareWeightedByZ() throws {
    let z = try Tensor<Double>.linspace(1, 5, steps: 5, requiresGrad: true)
    let y = pow(z, 2)
    #expect(y.gradFn?.name == "PowBackward0")
    try y.backward(gradient: z)
    #expect(z.grad?.scalars == [2, 8, 18, 32, 50])
    let ratio = try #require(z.grad) / z
    #expect(ratio.scalars == [2, 4, 6, 8, 10])
  }

  @Test("9. sum(z).backward() gives ones: the Jacobian of a sum is a row of ones")
  func case9SumGivesOnes() throws {
    let z = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
    let s = sum(z)
    #expect(s.shape == [])
    #expect(s.gradFn?.name == "SumBackward0")
    try s.backward()
    #expect(z.grad?.scalars == [1, 1, 1, 1, 1])
  }

  @Test("10. sum(z²).backward() gives 2z, and backward(tensor(1.0)) the same")
  func case10SumOfSquares() throws {
    let z = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
    try sum(pow(z, 2)).backward()
    #expect(z.grad?.scalars == [-2, -1, 0, 1, 2])

    let w = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
    try sum(pow(w, 2)).backward(gradient: Tensor(1.0))
    #expect(w.grad?.scalars == [-2, -1, 0, 1, 2])
  }

  @Test("11. forward mode on y = z gives the 5×5 identity; reverse rows give the same matrix")
  func case11IdentityJacobianBothModes() throws {
    let z = try Tensor<Double>.linspace(-1, 1, steps: 5)
    let identity: [Double] = (0..<25).map { $0 / 5 == $0 % 5 ? 1 : 0 }
    let forward = try forwardJacobian(at: z) { z in z }
    let reverse = try reverseJacobian(at: z) { z in z }
    #expect(forward.shape == [5, 5])
    #expect(reverse.shape == [5, 5])
    #expect(forward.scalars == identity)
    #expect(reverse.scalars == identity)
    // Side by side, row by row: row i of reverse mode is backward(eᵢ); column j of forward mode
    // is one dual pass seeded with eⱼ; the two matrices agree entry by entry.
    for i in 0..<5 {
      #expect(try reverse[i].scalars == forward[i].scalars)
    }
  }

  @Test("12. linear regression: leaves, gradFn, w.grad = −28, b.grad = −18, retainGrad")
  func case12LinearRegression() throws {
    let x = Tensor<Double>([1, 2]), y = Tensor<Double>([5, 7])
    let w = Tensor<Double>(1.0, requiresGrad: true), b = Tensor<Double>(0.0, requiresGrad: true)
    let wx = try w * x
    let wxB = try wx + b
    let loss = try wxB - y
    let loss2 = pow(loss, 2)
    let loss2Sum = sum(loss2)
    try loss.retainGrad()

    for leaf in [x, y, w, b] {
      #expect(leaf.isLeaf)
      #expect(leaf.grad == nil)
      #expect(leaf.gradFn == nil)
    }
    for node in [wx, wxB, loss, loss2, loss2Sum] {
      #expect(!node.isLeaf)
      #expect(node.gradFn != nil)
    }
    #expect(wx.gradFn?.name == "MulBackward0")
    #expect(wxB.gradFn?.name == "AddBackward0")
    #expect(loss.gradFn?.name == "SubBackward0")
    #expect(loss2.gradFn?.name == "PowBackward0")
    #expect(loss2Sum.gradFn?.name == "SumBackward0")

    try loss2Sum.backward()
    // By hand: dL/dw = Σ 2(w·xᵢ + b − yᵢ)·xᵢ = 2(−4)(1) + 2(−5)(2) = −28,
    //          dL/db = Σ 2(w·xᵢ + b − yᵢ) = −8 − 10 = −18.
    #expect(w.grad?.scalars == [-28])
    #expect(w.grad?.shape == [])
    #expect(b.grad?.scalars == [-18])
    #expect(x.grad == nil)
    #expect(y.grad == nil)
    // Non-leaves: nil, with PyTorch's warning available, unless retainGrad() was called.
    #expect(loss2.grad == nil)
    #expect(loss2.gradAccessWarning?.contains("retainGrad()") == true)
    #expect(loss.grad?.scalars == [-8, -10])
    #expect(loss.gradAccessWarning == nil)
    #expect(w.gradAccessWarning == nil)
  }

  @Test("13. only floating-point element types can require gradients")
  func case13FloatingPointOnly() throws {
    // Tensor<Scalar> needs Scalar: ADScalar, and only floating-point types conform, so
    // `Tensor<Int>` does not compile. The conformances themselves:
    #expect(!isADScalar(Int.self))
    #expect(!isADScalar(Int32.self))
    #expect(!isADScalar(Bool.self))
    #expect(isADScalar(Double.self))
    #expect(isADScalar(Float.self))
    // Both floating-point types do require grad and differentiate.
    let f = Tensor<Float>([3], requiresGrad: true)
    try (f * f).backward()
    #expect(f.grad?.scalars == [6])
    let d = Tensor<Double>([3], requiresGrad: true)
    try (d * d).backward()
    #expect(d.grad?.scalars == [6])
  }

  @Test("14. one-layer logistic model: AddBackward0, BCE node, b.grad = (σ(z) − y)/3, noGrad")
  func case14LogisticModel() throws {
    let x = try Tensor<Double>.ones([5]), y = try Tensor<Double>.zeros([3])
    let w = try Tensor<Double>.randn([5, 3], seed: 14, requiresGrad: true)
    let b = try Tensor<Double>.randn([3], seed: 41, requiresGrad: true)
    let z = try matmul(x, w) + b
    let loss = try binaryCrossEntropyWithLogits(z, y)
    #expect(z.gradFn?.name == "AddBackward0")
    #expect(loss.gradFn?.name == "BinaryCrossEntropyWithLogitsBackward0")
    #expect(loss.shape == [])

    try loss.backward()
    // By hand: zⱼ = Σᵢ 1·wᵢⱼ + bⱼ, and ∂/∂zⱼ of mean BCE = (σ(zⱼ) − yⱼ)/3.
    let zByHand = (0..<3).map { j in (0..<5).reduce(0.0) { $0 + w.scalars[$1 * 3 + j] } + b.scalars[j] }
    let expected = zByHand.map { 1 / (1 + Foundation.exp(-$0)) / 3 }
    #expect(tensorClose(z.scalars, zByHand))
    #expect(tensorClose(b.grad?.scalars, expected))
    let lossByHand = zByHand.map { Foundation.log(1 + Foundation.exp($0)) }.reduce(0, +) / 3
    #expect(tensorClose(loss.scalars, [lossByHand]))
    let wGrad = try #require(w.grad)
    #expect(wGrad.shape == [5, 3])
    for i in 0..<5 {
      #expect(tensorClose(try wGrad[i].scalars, expected))
    }

    let zNoGrad = try noGrad { try matmul(x, w) + b }
    #expect(zNoGrad.requiresGrad == false)
    #expect(zNoGrad.gradFn == nil)
    #expect(tensorClose(zNoGrad.scalars, zByHand))
  }
}
