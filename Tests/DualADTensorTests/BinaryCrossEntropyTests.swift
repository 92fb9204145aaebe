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
