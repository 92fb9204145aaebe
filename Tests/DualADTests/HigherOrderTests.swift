import Foundation
import Testing
import DualAD

@Suite("Higher-order derivatives and perturbation confusion")
struct HigherOrderTests {
  @Test("Perturbation confusion: D(x ↦ x · D(y ↦ x + y)(1))(1) == 1")
  func classicCase() throws {
    // The inner derivative runs on Dual<Dual<Double>>: x enters it as a constant of the outer level.
    let d = try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
      let inner = try derivative(at: Dual(1.0)) { y in Dual(constant: x) + y }
      return x * inner
    }
    #expect(d == 1)
  }

  @Test("Two levels mixed at the same type throw instead of answering 2")
  func confusionIsDetected() throws {
    #expect(throws: DifferentiationError.perturbationConfusion) {
      try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
        // Inner derivative at Double: x and y are both Dual<Double>, so they would mix.
        let inner = try derivative(at: 1.0) { y in x + y }
        return x * Dual(inner)
      }
    }
    // Returning the outer dual itself from an inner derivative is caught too.
    #expect(throws: DifferentiationError.perturbationConfusion) {
      try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
        x * Dual(try derivative(at: 2.0) { _ in x })
      }
    }
  }

  @Test("Three levels: D(x ↦ x · D(y ↦ y · D(z ↦ x·y·z)(1))(1))(1) == 4")
  func threeLevels() throws {
    // Innermost: ∂z(xyz) = xy. Middle: ∂y(y · xy) = 2xy = 2x at y = 1. Outer: ∂x(x · 2x) = 4x = 4.
    let d = try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
      let middle = try derivative(at: Dual(1.0)) { (y: Dual<Dual<Double>>) throws(DifferentiationError) in
        let innermost = try derivative(at: Dual<Dual<Double>>(1.0)) { (z: Dual<Dual<Dual<Double>>>) in
          Dual(constant: Dual(constant: x)) * Dual(constant: y) * z
        }
        return y * innermost
      }
      return x * middle
    }
    #expect(d == 4)
  }

  @Test("A closure that captures an outer dual: D(x ↦ D(y ↦ x·y)(2))(3) == 1")
  func capturedOuterDual() throws {
    let d = try derivative(at: 3.0) { (x: Dual<Double>) throws(DifferentiationError) in
      let scaleByX = { (y: Dual<Dual<Double>>) in Dual(constant: x) * y }
      return try derivative(at: Dual(2.0), of: scaleByX)  // ∂y(x·y) = x, so ∂x x = 1
    }
    #expect(d == 1)
  }

  @Test("Second derivatives of ℝ → ℝ from nested duals")
  func secondDerivatives() throws {
    #expect(try secondDerivative(at: 2.0) { y in y * y * y } == 12)
    #expect(try secondDerivative(at: 0.5) { Dual.sin($0) } == -Foundation.sin(0.5))
    #expect(try secondDerivative(at: 0.7) { Dual.exp($0) } == Foundation.exp(0.7))
    // (1/x)″ = 2/x³
    #expect(try secondDerivative(at: 2.0) { 1 / $0 } == 0.25)
    // σ″ = σ(1 − σ)(1 − 2σ)
    let s = 1 / (1 + Foundation.exp(-0.3))
    #expect(isClose(try secondDerivative(at: 0.3) { Dual.sigmoid($0) }, s * (1 - s) * (1 - 2 * s), ulps: 16))
  }

  /// Rosenbrock at (1, 2, 3): H₁₁ = 1200x₁² − 400x₂ + 2, H₁₂ = −400x₁, H₂₂ = 202 + 1200x₂² − 400x₃,
  /// H₂₃ = −400x₂, H₃₃ = 200.
  let rosenbrockHessian: [[Double]] = [[402, -400, 0], [-400, 3802, -800], [0, -800, 200]]

  @Test("Rosenbrock's Hessian: forward-over-reverse and forward-over-forward agree with the closed form")
  func rosenbrock() throws {
    for mode in HessianMode.allCases {
      #expect(try Rosenbrock().hessian(at: [1.0, 2, 3], mode: mode) == rosenbrockHessian, "\(mode)")
    }
  }

  @Test("Hessian-vector product without the Hessian: H·(1, 0, −1) = (402, 400, −200)")
  func hessianVectorProduct() throws {
    #expect(try Rosenbrock().hessianVectorProduct(at: [1.0, 2, 3], direction: [1, 0, -1]) == [402, 400, -200])
  }

  @Test("H·v where a tape partial is exactly 1 but carries a tangent: x·y at (1, 2)")
  func hessianVectorProductThroughAUnitPartial() throws {
    // ∂(xy)/∂y = x = 1 at the point, with tangent v₀ along the direction: a sweep that treats a
    // partial equal to 1 (`==` compares primals) as exactly 1 drops it. H·(0.5, 3) = (3, 0.5).
    let hv = try DualAD.hessianVectorProduct(at: [1.0, 2], direction: [0.5, 3]) { x in x[0] * x[1] }
    #expect(hv == [3, 0.5])
  }

  @Test("logsumexp's Hessian is diag(s) − ssᵀ, symmetric, at large inputs, with 11 inputs (two vector passes)")
  func logSumExp() throws {
    let x = (0..<11).map { 1000 + Double($0) / 3 }
    let m = x.max()!
    let e = x.map { Foundation.exp($0 - m) }
    let s = e.map { $0 / e.reduce(0, +) }
    for mode in HessianMode.allCases {
      let h = try LogSumExp().hessian(at: x, mode: mode)
      for i in 0..<11 {
        for j in 0..<11 {
          let expected = (i == j ? s[i] : 0) - s[i] * s[j]
          #expect(Swift.abs(h[i][j] - expected) <= 1e-15, "\(mode) H[\(i)][\(j)] = \(h[i][j]) vs \(expected)")
          #expect(h[i][j] == h[j][i])
        }
      }
    }
  }

  @Test("Linear regression's Hessian in (w, b) is 2[[Σx², Σx], [Σx, n]]")
  func linearRegression() throws {
    struct Loss: ADFunction {
      func callAsFunction<T: ADScalar>(_ p: [T]) -> [T] {
        let xs: [T] = [1, 2], ys: [T] = [5, 7]
        return [zip(xs, ys).reduce(0) { acc, xy in let r = p[0] * xy.0 + p[1] - xy.1; return acc + r * r }]
      }
    }
    for mode in HessianMode.allCases {
      #expect(try Loss().hessian(at: [1.0, 0], mode: mode) == [[10, 6], [6, 4]])
    }
  }

  @Test("Hessian misuse: a vector output, a wrong-length direction")
  func misuse() throws {
    #expect(throws: DifferentiationError.nonScalarOutput(count: 2)) { try Square().hessian(at: [1.0, 2]) }
    #expect(throws: DifferentiationError.tangentLengthMismatch(expected: 3, got: 1)) {
      try Rosenbrock().hessianVectorProduct(at: [1.0, 2, 3], direction: [1])
    }
  }
}
