import DualAD
import Testing

/// Functions ℝⁿ → ℝᵐ with their Jacobians written out by hand.
struct HandDifferentiated: Sendable, CustomTestStringConvertible {
  let name: String
  let point: [Double]
  let function: any ADFunction & Sendable
  /// The closed-form Jacobian at `point`, rows = outputs.
  let jacobian: [[Double]]
  var testDescription: String { name }
}


struct Square: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { $0 * $0 } } }
struct Identity: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x } }
struct Sum: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x.reduce(0, +)] } }
struct SumOfSquares: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x.reduce(0) { $0 + $1 * $1 }] }
}
/// SEEDS.md case 12 with inputs (w, b, x₁, x₂, y₁, y₂): L = Σ (w·xᵢ + b − yᵢ)².
struct LinearRegressionLoss: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ p: [T]) -> [T] {
    let (w, b) = (p[0], p[1])
    var loss: T = 0
    for i in 0..<2 {
      let r = w * p[2 + i] + b - p[4 + i]
      loss += r * r
    }
    return [loss]
  }
}
struct Rosenbrock: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    var s: T = 0
    for i in 0..<(x.count - 1) {
      let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
      s += 100 * a * a + b * b
    }
    return [s]
  }
}
struct Polar: ADFunction, Sendable {
  // (r, θ) ↦ (r cos θ, r sin θ)
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * T.cos(x[1]), x[0] * T.sin(x[1])] }
}
struct Softmax: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    let m = x.max()!
    let e = x.map { T.exp($0 - m) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
  }
}
struct LogSumExp: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    let m = T(x.max()!.primal)  // the shift is a constant: it cancels in value and gradient
    return [m + T.log(x.map { T.exp($0 - m) }.reduce(0, +))]
  }
}
struct Normalise: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    let n = T.sqrt(x.reduce(0) { $0 + $1 * $1 })
    return x.map { $0 / n }
  }
}
struct ProductOfAll: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x.reduce(1, *)] }
}
struct CrossProduct: ADFunction, Sendable {
  func callAsFunction<T: ADScalar>(_ v: [T]) -> [T] {
    let (a, b) = (Array(v[0..<3]), Array(v[3..<6]))
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
  }
}
struct Hypot2: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.hypot(x[0], x[1])] } }
struct Atan2: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.atan2(y: x[0], x: x[1])] } }
struct ExpSin: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.exp(T.sin(x[0]) * x[1])] } }
struct Quotient: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0] / x[1], x[1] / x[0]] } }
struct PowerOfInputs: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.pow(x[0], x[1])] } }
struct LogisticLoss: ADFunction, Sendable {
  // ℓ(w, b) = softplus(z) − y·z with z = w·x + b, x = 2, y = 1: dℓ/dz = σ(z) − y.
  func callAsFunction<T: ADScalar>(_ p: [T]) -> [T] {
    let z = p[0] * 2 + p[1]
    return [T.softplus(z) - z]
  }
}
struct TanhLayer: ADFunction, Sendable {
  // y = tanh(W x) with W = [[1, 2], [−1, 0.5]]
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.tanh(x[0] + 2 * x[1]), T.tanh(-x[0] + 0.5 * x[1])] }
}
struct SqrtLog: ADFunction, Sendable { func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.sqrt(x[0]) * T.log(x[1]), T.erf(x[0] - x[1])] } }
