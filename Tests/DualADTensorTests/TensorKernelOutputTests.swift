import DualAD
import DualADTensor
import Foundation
import Testing

/// The kernels that write their outputs into memory they did not zero (`[T](toBeWrittenCount:)`)
/// must write every element. Tests run in debug builds, where that memory starts as NaN, so a
/// missed element shows here as NaN against a closed form; under AddressSanitizer (CI) a write
/// past the end is caught as well.
@Suite("Kernel outputs: every element written, at every stride and with every partial asked for")
struct TensorKernelOutputTests {
  /// a [2, 1, 2] against b [3, 1]: the result [2, 3, 2] steps a with stride 0 along its middle
  /// dimension and b with stride 0 along its last (a row loop with strides 1 and 0).
  @Test(
    "a·b broadcast, with gradients for neither, a, b or both",
    arguments: [(false, false), (true, false), (false, true), (true, true)])
  func broadcastProduct(gradA: Bool, gradB: Bool) throws {
    let aValues: [Double] = [1, 2, 3, 4], bValues: [Double] = [10, 20, 30]
    let a = try Tensor<Double>(shape: [2, 1, 2], scalars: aValues, requiresGrad: gradA)
    let b = try Tensor<Double>(shape: [3, 1], scalars: bValues, requiresGrad: gradB)
    let c = try a * b
    var expected: [Double] = []
    for i in 0..<2 { for j in 0..<3 { for k in 0..<2 { expected.append(aValues[i * 2 + k] * bValues[j]) } } }
    #expect(c.scalars == expected)
    guard gradA || gradB else { return }
    try c.sum().backward()
    // ∂Σc/∂a_ik = Σⱼ bⱼ = 60; ∂Σc/∂bⱼ = Σ a = 10.
    if gradA { #expect(a.grad?.scalars == [60, 60, 60, 60]) }
    if gradB { #expect(b.grad?.scalars == [10, 10, 10]) }
  }

  @Test("exp with and without its partials: eˣ both times")
  func unary() throws {
    let values: [Double] = [0, 1, -2, 0.5]
    let plain = Tensor<Double>(values).exp()
    #expect(plain.scalars == values.map(Foundation.exp))
    let x = Tensor<Double>(values, requiresGrad: true)
    try x.exp().sum().backward()
    #expect(x.grad?.scalars == values.map(Foundation.exp))
  }

  @Test("the gradient of a sum over each dimension of a [2, 3, 4] tensor is 1 everywhere")
  func sumAlongEachDimension() throws {
    for dim in 0..<3 {
      let x = try Tensor<Double>(shape: [2, 3, 4], scalars: (0..<24).map(Double.init), requiresGrad: true)
      try x.sum(dim: dim).sum().backward()
      #expect(x.grad?.scalars == [Double](repeating: 1, count: 24), "dim \(dim)")
    }
  }

  /// Sizes past the loops' threshold of 4 096 multiply-adds, so each rank case takes its BLAS
  /// routine (dot, gemv either side, gemm); entries are small integers, so every sum is exact.
  @Test("matmul on BLAS in each rank case against sums computed here", arguments: [(1, 1), (1, 70), (70, 1), (70, 70)])
  func blasRankCases(m: Int, n: Int) throws {
    let k = 5_000 / max(1, min(m, n)) + 90
    let a = (0..<(m * k)).map { Double($0 % 7) - 3 }, b = (0..<(k * n)).map { Double($0 % 5) - 2 }
    let c = try Tensor<Double>(shape: [m, k], scalars: a).matmul(Tensor<Double>(shape: [k, n], scalars: b))
    var expected: [Double] = []
    for i in 0..<m { for j in 0..<n { expected.append((0..<k).reduce(0) { $0 + a[i * k + $1] * b[$1 * n + j] }) } }
    #expect(c.scalars == expected)
  }
}
