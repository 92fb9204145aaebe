import DualAD
import DualADTensor
import Testing

// Integers from users: powers, roots, polygamma orders, dimensions, indices and steps at the
// ends of Int. Each gets a defined result or a typed error, never a trap. Expected values are
// worked by hand: 2^(−2⁶³) underflows to 0, 1ⁿ = 1 with derivative n, (−1)ⁿ = 1 for even n.

@Suite("Integer arguments at the ends of Int")
struct IntegerArgumentTests {
  /// −2⁶³ as a Double, exactly.
  private let minAsDouble = -9_223_372_036_854_775_808.0

  @Test("Tensor([2.0]).pow(Int.min) is 0 with gradient 0; at 1 it is 1 with gradient Int.min")
  func tensorPowerOfIntMin() throws {
    let x = Tensor<Double>([2, 1, 0.5, -2, -1], requiresGrad: true)
    let y = x.pow(Int.min)
    #expect(y.scalars == [0, 1, .infinity, 0, 1])
    try y.sum().backward()
    // n·xⁿ⁻¹ = n·xⁿ/x: 0 at 2 and −2, n at 1, −∞ at 0.5, −n at −1 (n − 1 is odd).
    #expect(x.grad?.scalars == [0, minAsDouble, -.infinity, 0, -minAsDouble])
  }

  @Test("scalar pow(x, Int.min) in forward and reverse mode: 2 → 0, 1 → 1 with derivative Int.min")
  func scalarPowerOfIntMin() throws {
    #expect(Double.pow(2, Int.min) == 0)
    let atTwo = Dual.pow(Dual(value: 2.0, tangent: 1), Int.min)
    #expect(atTwo.value == 0 && atTwo.tangent == 0)
    #expect(try derivative(at: 1.0) { Dual.pow($0, Int.min) } == minAsDouble)
    #expect(try gradient(at: [1.0]) { Variable.pow($0[0], Int.min) } == [minAsDouble])
    // Int.max is odd: (−1)^Int.max = −1, derivative Int.max·(−1)^(Int.max − 1) = Int.max.
    #expect(try derivative(at: -1.0) { Dual.pow($0, Int.max) } == 9_223_372_036_854_775_807.0)
    #expect(Dual.pow(Dual(value: -1.0, tangent: 1), Int.max).value == -1)
  }

  @Test("root(x, 0) is NaN with a NaN derivative, in every mode and on tensors")
  func rootOfOrderZero() throws {
    let forward = Dual.root(Dual(value: 8.0, tangent: 1), 0)
    #expect(forward.value.isNaN && forward.tangent.isNaN)
    let reverse = try gradient(at: [8.0]) { Variable.root($0[0], 0) }
    #expect(reverse[0].isNaN)
    let x = Tensor<Double>([8, 1, 0.5], requiresGrad: true)
    let y = x.applying(.root(0))
    #expect(y.scalars.allSatisfy { $0.isNaN })
    try y.sum().backward()
    #expect(x.grad?.scalars.allSatisfy(\.isNaN) == true)
  }

  @Test("root(2, Int.min) = 2^(−2⁻⁶³) = 1 in Double, derivative y/(n·x) = −2⁻⁶⁴")
  func rootOfOrderIntMin() throws {
    let y = Dual.root(Dual(value: 2.0, tangent: 1), Int.min)
    #expect(y.value == 1)
    #expect(y.tangent == -0x1p-64)
    #expect(try gradient(at: [2.0]) { Variable.root($0[0], Int.min) } == [-0x1p-64])
    // An even order: negative x has no root.
    #expect(Dual.root(Dual(value: -2.0, tangent: 1), Int.min).value.isNaN)
  }

  @Test("polygamma of negative or huge order is NaN at once, with a NaN derivative")
  func polygammaOrders() throws {
    for n in [-1, Int.min, 101, Int.max] {
      #expect(Double.polygamma(n, 2).isNaN, "order \(n)")
      let d = Dual.polygamma(n, Dual(value: 2.0, tangent: 1))
      #expect(d.value.isNaN && d.tangent.isNaN, "order \(n)")
    }
    // Order 100, the largest: the derivative is order 101, NaN.
    #expect(Dual.polygamma(100, Dual(value: 2.0, tangent: 1)).tangent.isNaN)
    // ψ⁽¹⁾(1) = π²/6; ψ⁽¹⁰⁰⁾(25) = −6.115576632354706·10¹⁶ (mpmath, 40 digits).
    #expect(Swift.abs(Double.polygamma(1, 1) - Double.pi * Double.pi / 6) < 1e-15)
    let high = Double.polygamma(100, 25)
    #expect(Swift.abs(high / -6.115_576_632_354_706e16 - 1) < 1e-13)
    #expect(Swift.abs(Double.polygamma(30, 25) / -1.754_014_758_984_497_5e-11 - 1) < 1e-13)
  }

  @Test("a real exponent beyond Int at a negative base: even, so (−2)^(−2⁶³) = 0 and (−1)^(2⁶³) = 1")
  func realExponentBeyondInt() throws {
    let atMinusTwo = Dual.pow(Dual(value: -2.0, tangent: 1), Dual(minAsDouble))
    #expect(atMinusTwo.value == 0)
    // d/dx xⁿ at −1 for even n is −n.
    let atMinusOne = try derivative(at: -1.0) { Dual.pow($0, Dual(minAsDouble)) }
    #expect(atMinusOne == -minAsDouble)
    #expect(try gradient(at: [-1.0]) { Variable.pow($0[0], Variable(-minAsDouble)) } == [minAsDouble])
    #expect(Dual.pow(Dual(value: -1.0, tangent: 1), Dual(-minAsDouble)).value == 1)
    // IEEE's pow at infinite exponents: (−2)^∞ = ∞, (−0.5)^∞ = 0.
    #expect(Dual.pow(Dual(value: -2.0, tangent: 1), Dual(Double.infinity)).value == .infinity)
    #expect(Dual.pow(Dual(value: -0.5, tangent: 1), Dual(Double.infinity)).value == 0)
    // The tensor kernel takes the same rule.
    #expect(try Tensor<Double>([-2, -1]).pow(Tensor<Double>(minAsDouble)).scalars == [0, 1])
  }

  @Test("dimensions and indices at Int.min and Int.max throw typed errors")
  func dimensionsAndIndices() throws {
    let x = try Tensor<Double>.ones([2, 3])
    for d in [Int.min, Int.min + 1, -3, 2, Int.max] {
      let error = TensorError.dimensionOutOfRange(dimension: d, rank: 2)
      #expect(throws: error) { try x.sum(dim: d) }
      #expect(throws: error) { try x.mean(dim: d, keepdim: true) }
      #expect(throws: error) { try x.logsumexp(dim: d) }
      #expect(throws: error) { try x.select(dim: d, index: 0) }
    }
    for i in [Int.min, -4, 3, Int.max] {
      #expect(throws: TensorError.indexOutOfRange(index: i, dimension: 1, size: 3)) { try x.select(dim: 1, index: i) }
    }
    #expect(throws: TensorError.indexOutOfRange(index: Int.min, dimension: 0, size: 2)) { try x[Int.min] }
    #expect(try x.select(dim: -1, index: -3).scalars == [1, 1])
    #expect(throws: TensorError.invalidReshape(shape: [Int.min], count: 6)) { try x.reshape([Int.min]) }
    #expect(throws: TensorError.invalidReshape(shape: [-1, Int.max], count: 6)) { try x.reshape([-1, Int.max]) }
  }

  @Test("steps: negative, Int.min, zero, NaN and infinite steps are typed errors; zero steps are empty")
  func steps() throws {
    #expect(throws: TensorError.invalidRange("number of steps must be non-negative, but got \(Int.min)")) {
      try Tensor<Double>.linspace(0, 1, steps: Int.min)
    }
    #expect(try Tensor<Double>.linspace(0, 1, steps: 0).shape == [0])
    #expect(try Tensor<Double>.linspace(0, 1, steps: 1).scalars == [0])
    #expect(try Tensor<Double>.linspace(.nan, 1, steps: 2).scalars[0].isNaN)
    for step in [0.0, -0.0, .nan, .infinity, -.infinity] {
      #expect(throws: TensorError.self, "step \(step)") { try Tensor<Double>.arange(0, 1, step: step) }
    }
    // 1/5e-324 is ∞ elements.
    #expect(throws: TensorError.invalidRange("arange(0.0, 1.0, step: 5e-324) has too many elements")) {
      try Tensor<Double>.arange(0, 1, step: .leastNonzeroMagnitude)
    }
    #expect(try Tensor<Double>.arange(0, 0.25, step: 0.1).scalars == [0, 0.1, 0.2])
  }
}
