import DualAD

/// f(x) = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², written once for every mode.
@inlinable
public func rosenbrock<T: ADScalar>(_ x: [T]) -> T {
  var sum: T = 0
  for i in 0..<(x.count - 1) {
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    sum += 100 * a * a + b * b
  }
  return sum
}

/// The same function as one reduction over its terms, `T.sum` of a lazy map: each term stays a
/// combination of two nodes, and the sum records one node with 2(n − 1) parents.
@inlinable
public func rosenbrockWithSum<T: ADScalar>(_ x: [T]) -> T {
  T.sum((0..<(x.count - 1)).lazy.map { i in
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    return 100 * a * a + b * b
  })
}

/// The hand-written gradient: ∂f/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) + 200(xᵢ − xᵢ₋₁²).
public func rosenbrockGradientByHand(_ x: [Double]) -> [Double] {
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

/// H·v by hand: H is tridiagonal with Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2 (+ 200 for i > 0), Hᵢ,ᵢ₊₁ = −400xᵢ.
public func rosenbrockHessianVectorProductByHand(_ x: [Double], _ v: [Double]) -> [Double] {
  var hv = [Double](repeating: 0, count: x.count)
  for i in 0..<(x.count - 1) {
    let diagonal = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
    hv[i] += diagonal * v[i] - 400 * x[i] * v[i + 1]
    hv[i + 1] += -400 * x[i] * v[i] + 200 * v[i + 1]
  }
  return hv
}
