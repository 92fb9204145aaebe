import DualAD

/// xᵀAx for a fixed n × n matrix A (row by row), written with `T.dot`: the row products Ax
/// first (A's rows are constants, so `T.dot(constants:_:)` reads them as they are), then x·(Ax).
/// Each `T.dot` is one tape node.
public struct QuadraticForm: Sendable {
  public let n: Int
  /// A, row by row.
  public let a: [Double]

  public init(n: Int, a: [Double]) {
    self.n = n
    self.a = a
  }

  @inlinable
  public func callAsFunction<T: ADScalar>(_ x: [T]) -> T where T.Primal == Double {
    var ax: [T] = []
    ax.reserveCapacity(n)
    for i in 0..<n { ax.append(T.dot(constants: a[(i * n)..<(i * n + n)], x)) }
    return T.dot(x, ax)
  }

  /// ∇(xᵀAx) = (A + Aᵀ)x by hand.
  public func gradientByHand(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: n)
    a.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { x in
        g.withUnsafeMutableBufferPointer { g in
          for i in 0..<n {
            var rowProduct = 0.0
            let xi = x[i]
            for j in 0..<n {
              let aij = a[i * n + j]
              rowProduct += aij * x[j]
              g[j] += aij * xi
            }
            g[i] += rowProduct
          }
        }
      }
    }
    return g
  }
}

/// A tanh layer of `width` units on `inputs` inputs over a batch: f(W, b) = Σₛ Σᵤ tanh(wᵤ·xₛ + bᵤ),
/// differentiated with respect to the weights W (row by row) and the biases b, which are one
/// flat parameter vector: W first, then b. Written with `T.dot` (each unit's pre-activation)
/// and `T.sum` (each sample's units).
public struct TanhLayer: Sendable {
  public let inputs: Int
  public let width: Int
  /// The batch, sample by sample (`batch` × `inputs`).
  public let x: [Double]
  public var batch: Int { x.count / inputs }
  public var parameterCount: Int { width * (inputs + 1) }

  public init(inputs: Int, width: Int, x: [Double]) {
    self.inputs = inputs
    self.width = width
    self.x = x
  }

  @inlinable
  public func callAsFunction<T: ADScalar>(_ theta: [T]) -> T {
    let m = inputs, biases = width * inputs
    let data = x.map { T.constant($0) }
    var units = [T](repeating: 0, count: width)
    var total: T = 0
    for s in 0..<(x.count / m) {
      let sample = data[(s * m)..<(s * m + m)]
      for u in 0..<width {
        units[u] = .tanh(T.dot(theta[(u * m)..<(u * m + m)], sample) + theta[biases + u])
      }
      total += T.sum(units)
    }
    return total
  }

  /// ∂f/∂wᵤ = Σₛ (1 − hₛᵤ²)xₛ and ∂f/∂bᵤ = Σₛ (1 − hₛᵤ²) with hₛᵤ = tanh(wᵤ·xₛ + bᵤ), by hand.
  public func gradientByHand(_ theta: [Double]) -> [Double] {
    let m = inputs, biases = width * inputs
    var g = [Double](repeating: 0, count: parameterCount)
    theta.withUnsafeBufferPointer { theta in
      x.withUnsafeBufferPointer { x in
        g.withUnsafeMutableBufferPointer { g in
          for s in 0..<(x.count / m) {
            for u in 0..<width {
              var z = theta[biases + u]
              for j in 0..<m { z += theta[u * m + j] * x[s * m + j] }
              let h = Double.tanh(z)
              let dz = 1 - h * h
              for j in 0..<m { g[u * m + j] += dz * x[s * m + j] }
              g[biases + u] += dz
            }
          }
        }
      }
    }
    return g
  }
}
