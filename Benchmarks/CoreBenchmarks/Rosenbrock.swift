import DualAD

/// f(x) = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², written once for every mode.
@inlinable
func rosenbrock<T: ADScalar>(_ x: [T]) -> T {
  var sum: T = 0
  for i in 0..<(x.count - 1) {
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    sum += 100 * a * a + b * b
  }
  return sum
}

/// The hand-written gradient: ∂f/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) + 200(xᵢ − xᵢ₋₁²).
func rosenbrockGradientByHand(_ x: [Double]) -> [Double] {
  var g = [Double](repeating: 0, count: x.count)
  x.withUnsafeBufferPointer { x in
    g.withUnsafeMutableBufferPointer { g in
      for i in 0..<(x.count - 1) {
        let a = x[i + 1] - x[i] * x[i]
        g[i] += -400 * x[i] * a - 2 * (1 - x[i])
        g[i + 1] += 200 * a
      }
    }
  }
  return g
}
