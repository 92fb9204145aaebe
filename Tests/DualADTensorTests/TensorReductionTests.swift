import DualAD
import DualADTensor
import Foundation
import Testing

@Suite("Tensor reductions: sum, mean, logsumexp, whole and along a dimension")
struct TensorReductionTests {
  let matrix: [[Double]] = [[1, 2, 3], [4, 5, 6]]

  @Test("sum along each dimension, with and without keepdim, and negative dimensions")
  func sumAlongDimensions() throws {
    let x = try Tensor<Double>(matrix)
    #expect(x.sum().scalars == [21])
    #expect(try x.sum(dim: 0).scalars == [5, 7, 9])
    #expect(try x.sum(dim: 1).scalars == [6, 15])
    #expect(try x.sum(dim: -1).scalars == [6, 15])
    #expect(try x.sum(dim: 1).shape == [2])
    #expect(try x.sum(dim: 1, keepdim: true).shape == [2, 1])
    #expect(try x.sum(dim: 0).gradFn == nil)
  }

  @Test("the gradient of a sum along a dimension copies ḡ back along it")
  func sumAlongDimensionGradient() throws {
    let x = try Tensor<Double>(matrix, requiresGrad: true)
    let s = try x.sum(dim: 0)
    #expect(s.gradFn?.name == "SumBackward1")
    try s.backward(gradient: [1, 2, 3])
    #expect(x.grad?.scalars == [1, 2, 3, 1, 2, 3])
  }

  @Test("mean over everything and along a dimension, with gradient ḡ/n")
  func meanWholeAndAlongDimension() throws {
    let x = try Tensor<Double>(matrix, requiresGrad: true)
    #expect(x.mean().scalars == [3.5])
    #expect(try x.mean(dim: 0).scalars == [2.5, 3.5, 4.5])
    let m = try x.mean(dim: 1)
    #expect(m.scalars == [2, 5])
    #expect(m.gradFn?.name == "MeanBackward1")
    try m.backward(gradient: [1, 2])
    let (third, twoThirds) = (1.0 / 3, 2.0 / 3)
    #expect(tensorClose(x.grad?.scalars, [third, third, third, twoThirds, twoThirds, twoThirds]))

    let y = Tensor<Double>([2, 4, 6, 8], requiresGrad: true)
    try mean(y).backward()
    #expect(y.grad?.scalars == [0.25, 0.25, 0.25, 0.25])
    #expect(Tensor<Double>([] as [Double]).mean().scalars.first?.isNaN == true)
  }

  @Test("logsumexp does not overflow at 1000 nor underflow at −1000; its gradient is softmax")
  func logsumexpStable() throws {
    let big = Tensor<Double>([1000, 1000], requiresGrad: true)
    let l = try big.logsumexp()
    #expect(l.gradFn?.name == "LogsumexpBackward0")
    #expect(tensorClose(l.scalars, [1000 + Foundation.log(2.0)]))
    try l.backward()
    #expect(tensorClose(big.grad?.scalars, [0.5, 0.5]))

    let small = Tensor<Double>([-1000, -1000])
    #expect(tensorClose(try small.logsumexp().scalars, [-1000 + Foundation.log(2.0)]))

    // log(e⁰ + e^ln3) = log 4, softmax = [1/4, 3/4].
    let x = Tensor<Double>([0, Foundation.log(3.0)], requiresGrad: true)
    let y = try x.logsumexp()
    #expect(tensorClose(y.scalars, [Foundation.log(4.0)]))
    try y.backward()
    #expect(tensorClose(x.grad?.scalars, [0.25, 0.75]))
  }

  @Test("logsumexp along a dimension; −∞ everywhere gives −∞ as in PyTorch")
  func logsumexpAlongDimension() throws {
    let x = try Tensor<Double>([[0, Foundation.log(3.0)], [1000, 1000]], requiresGrad: true)
    let l = try x.logsumexp(dim: 1)
    #expect(tensorClose(l.scalars, [Foundation.log(4.0), 1000 + Foundation.log(2.0)]))
    try l.backward(gradient: [1, 2])
    #expect(tensorClose(x.grad?.scalars, [0.25, 0.75, 1, 1]))
    let minusInfinity = Tensor<Double>([-.infinity, -.infinity])
    #expect(try minusInfinity.logsumexp().scalars == [-.infinity])
  }

  @Test("empty and out-of-range reductions throw")
  func reductionErrors() throws {
    let x = try Tensor<Double>(matrix)
    #expect(throws: TensorError.dimensionOutOfRange(dimension: 2, rank: 2)) { try x.sum(dim: 2) }
    do {
      _ = try x.mean(dim: -3)
    } catch {
      #expect(error.description == "Dimension out of range (expected to be in range of [-2, 1], but got -3)")
    }
    #expect(throws: TensorError.emptyReduction(operation: "logsumexp")) { try Tensor<Double>([] as [Double]).logsumexp() }
  }
}
