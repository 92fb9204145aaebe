import DualAD
import DualADTensor
import Foundation
import Testing

@Suite("binaryCrossEntropyWithLogits: stable at extreme logits, three reductions")
struct BinaryCrossEntropyTests {
  @Test("logit 100 with target 0: loss 100 and gradient 1, not inf or NaN")
  func stableLargeLogit() throws {
    let z = Tensor<Double>([100], requiresGrad: true)
    let loss = try binaryCrossEntropyWithLogits(z, Tensor([0]))
    #expect(loss.scalars == [100])
    try loss.backward()
    #expect(z.grad?.scalars == [1])

    let zf = Tensor<Float>([100], requiresGrad: true)
    let lossf = try binaryCrossEntropyWithLogits(zf, Tensor([0]))
    #expect(lossf.scalars == [100])
    try lossf.backward()
    #expect(zf.grad?.scalars == [1])
  }

  @Test("logit −100 with target 1: loss 100 and gradient −1; logit 30 with target 1: e^−30 to full precision")
  func stableOtherSide() throws {
    let z = Tensor<Double>([-100, 30], requiresGrad: true)
    let loss = try binaryCrossEntropyWithLogits(z, Tensor([1, 1]), reduction: .none)
    #expect(loss.scalars[0] == 100)
    // ℓ = log(1 + e^−30) and ∂ℓ/∂z = σ(30) − 1 = −1/(1 + e^30): tiny, so compared relatively;
    // softplus(30) − 30 would keep only about 3 correct digits.
    #expect(Swift.abs(loss.scalars[1] / Foundation.log1p(Foundation.exp(-30.0)) - 1) < 1e-14)
    try loss.backward(gradient: Tensor.ones([2]))
    #expect(z.grad?.scalars[0] == -1)
    #expect(Swift.abs((z.grad?.scalars[1] ?? 0) / (-1 / (1 + Foundation.exp(30.0))) - 1) < 1e-14)
  }

  // z = [0, 2, −3], y = [1, 0, 0.5]: ℓ = −[y log σ(z) + (1 − y) log(1 − σ(z))], written naively
  // (safe at these logits), and ∂ℓ/∂z = σ(z) − y.
  let logits: [Double] = [0, 2, -3], targets: [Double] = [1, 0, 0.5]
  var naiveLosses: [Double] {
    zip(logits, targets).map { z, y in
      let s = 1 / (1 + Foundation.exp(-z))
      return -(y * Foundation.log(s) + (1 - y) * Foundation.log(1 - s))
    }
  }
  var naiveGradients: [Double] { zip(logits, targets).map { z, y in 1 / (1 + Foundation.exp(-z)) - y } }

  @Test("reduction .none: per-element losses, gradient σ(z) − y")
  func reductionNone() throws {
    let z = Tensor(logits, requiresGrad: true)
    let loss = try binaryCrossEntropyWithLogits(z, Tensor(targets), reduction: .none)
    #expect(loss.shape == [3])
    #expect(tensorClose(loss.scalars, naiveLosses))
    try loss.backward(gradient: Tensor.ones([3]))
    #expect(tensorClose(z.grad?.scalars, naiveGradients))
  }

  @Test("reduction .sum and .mean (the default)")
  func reductionSumAndMean() throws {
    let z = Tensor(logits, requiresGrad: true)
    let total = try binaryCrossEntropyWithLogits(z, Tensor(targets), reduction: .sum)
    #expect(tensorClose(total.scalars, [naiveLosses.reduce(0, +)]))
    try total.backward()
    #expect(tensorClose(z.grad?.scalars, naiveGradients))

    let w = Tensor(logits, requiresGrad: true)
    let mean = try binaryCrossEntropyWithLogits(w, Tensor(targets))
    #expect(mean.gradFn?.name == "BinaryCrossEntropyWithLogitsBackward0")
    #expect(tensorClose(mean.scalars, [naiveLosses.reduce(0, +) / 3]))
    try mean.backward()
    #expect(tensorClose(w.grad?.scalars, naiveGradients.map { $0 / 3 }))
  }

  @Test("the target's gradient is −z")
  func targetGradient() throws {
    let y = Tensor(targets, requiresGrad: true)
    try binaryCrossEntropyWithLogits(Tensor(logits), y, reduction: .sum).backward()
    #expect(y.grad?.scalars == [0, -2, 3])
  }

  @Test("a target of another shape throws PyTorch's message")
  func targetShape() throws {
    #expect(throws: TensorError.targetShapeMismatch(target: [3], input: [4])) {
      try binaryCrossEntropyWithLogits(Tensor<Double>.zeros([4]), Tensor<Double>.zeros([3]))
    }
    #expect(TensorError.targetShapeMismatch(target: [3], input: [4]).description
      == "Target size ([3]) must be the same as input size ([4])")
  }
}

@Suite("BCE-with-logits on Double: the one-pass kernel against closed forms and against the rule-table chain on Dual")
struct BinaryCrossEntropyFastPathTests {
  /// Logits from the extremes to the middle, and labels 0, 1 and between.
  static let logits: [Double] = [-800, -300, -40, -20, -1, -1e-300, 0, 1e-300, 0.5, 1, 20, 30, 40, 300, 800]

  @Test("loss and ∂ℓ/∂z = σ(z) − y against the closed forms, at every logit and label", arguments: [0.0, 0.3, 1.0])
  func closedForms(_ label: Double) throws {
    let z = Tensor<Double>(Self.logits, requiresGrad: true)
    let y = Tensor<Double>(Self.logits.map { _ in label })
    let loss = try binaryCrossEntropyWithLogits(z, y, reduction: .sum)
    try loss.backward()
    var expectedLoss = 0.0
    var expectedGradient: [Double] = []
    for zi in Self.logits {
      // max(z, 0) − z·y + log1p(e^−|z|), and σ(z) by its two stable forms.
      expectedLoss += Swift.max(zi, 0) - zi * label + Foundation.log1p(Foundation.exp(-Swift.abs(zi)))
      // σ(z) − y, as (1 − y) − σ(−z) where σ(z) is near 1.
      let e = Foundation.exp(-Swift.abs(zi))
      expectedGradient.append(zi >= 0 ? (1 - label) - e / (1 + e) : e / (1 + e) - label)
    }
    #expect(tensorClose(loss.scalars, [expectedLoss], tolerance: 1e-15))
    #expect(tensorClose(z.grad?.scalars, expectedGradient, tolerance: 1e-15))
  }

  @Test("a confident right answer keeps its digits: z = 30, y = 1 gives log1p(e^−30)")
  func tinyLoss() throws {
    let loss = try binaryCrossEntropyWithLogits(Tensor<Double>([30]), Tensor<Double>([1]), reduction: .none)
    #expect(tensorClose(loss.scalars, [Foundation.log1p(Foundation.exp(-30))], tolerance: 1e-15))
  }

  @Test("the Double kernel and the generic chain on Dual values agree in value, ∂ℓ/∂z and ∂ℓ/∂y")
  func agreesWithGenericPath() throws {
    let z = try Tensor<Double>.randn([200], seed: 51) * 8
    let y = try Tensor<Double>.rand([200], seed: 52)
    let zd = z.detach(), yd = y.detach()
    try zd.setRequiresGrad()
    try yd.setRequiresGrad()
    let loss = try binaryCrossEntropyWithLogits(zd, yd, reduction: .mean)
    try loss.backward()
    // Forward mode along z, then along y, on Dual elements: the rule-table chain.
    let zeros = try Tensor<Double>.zeros([200])
    let alongZ = try binaryCrossEntropyWithLogits(Tensor.dual(value: z, tangent: Tensor.ones([200])), Tensor.dual(value: y, tangent: zeros), reduction: .none)
    let alongY = try binaryCrossEntropyWithLogits(Tensor.dual(value: z, tangent: zeros), Tensor.dual(value: y, tangent: Tensor.ones([200])), reduction: .none)
    let n = 200.0
    #expect(tensorClose(loss.scalars, [alongZ.value().scalars.reduce(0, +) / n], tolerance: 1e-14))
    #expect(tensorClose(zd.grad?.scalars, alongZ.tangent().scalars.map { $0 / n }, tolerance: 1e-14))
    #expect(tensorClose(yd.grad?.scalars, alongY.tangent().scalars.map { $0 / n }, tolerance: 1e-14))
  }
}
