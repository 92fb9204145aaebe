import DualAD
import DualADTensor

// The functions of the catalogue, each written once over ADScalar.

/// y = x ⊙ x.
struct Square: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { $0 * $0 } }
}

/// y = x.
struct Identity: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x }
}

/// y = Σ xᵢ.
struct Sum: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x.reduce(0, +)] }
}

/// y = Σ xᵢ².
struct SumOfSquares: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x.reduce(0) { $0 + $1 * $1 }] }
}

/// L(w, b) = Σ (w·xᵢ + b − yᵢ)² on fixed data.
struct LinearRegressionLoss: ADFunction {
  let xs: [Double], ys: [Double]
  func callAsFunction<T: ADScalar>(_ p: [T]) -> [T] {
    guard p.count == 2 else { return [] }
    var loss: T = 0
    for (x, y) in zip(xs, ys) {
      let r = p[0] * T.constant(x) + p[1] - T.constant(y)
      loss += r * r
    }
    return [loss]
  }
}

/// BCE-with-logits averaged over the outputs of z = x·W + b, with inputs (W row-major, then b).
struct LogisticModelLoss: ADFunction {
  let x: [Double], targets: [Double]
  func callAsFunction<T: ADScalar>(_ p: [T]) -> [T] {
    let n = x.count, m = targets.count
    guard p.count == n * m + m else { return [] }
    var logits: [T] = []
    for j in 0..<m {
      var z = p[n * m + j]
      for k in 0..<n { z += T.constant(x[k]) * p[k * m + j] }
      logits.append(z)
    }
    return [BCEWithLogits(targets: targets).loss(logits)]
  }
}

/// softmax(x)ᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x): the shift keeps e^1000 out.
struct Softmax: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    let m = x.max() ?? 0
    let e = x.map { T.exp($0 - m) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
  }
}

/// x / ‖x‖₂.
struct Normalise: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    let norm = T.sqrt(x.reduce(0) { $0 + $1 * $1 })
    return x.map { $0 / norm }
  }
}

/// log Σ eˣⁱ = m + log Σ e^(xᵢ − m), m = max x: finite at x = 1000. The tensor target's kernel.
struct LogSumExp: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    guard !x.isEmpty else { return [T(-T.Primal.infinity)] }
    return Kernels.logsumexp(x, AxisLayout(count: x.count), partials: false).values
  }
}

/// mean over i of softplus(zᵢ) − yᵢ·zᵢ = −[yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ))], finite at z = ±800.
/// The tensor target's kernel.
struct BCEWithLogits: ADFunction {
  let targets: [Double]
  func loss<T: ADScalar>(_ z: [T]) -> T {
    let losses = Kernels.binaryCrossEntropyWithLogits(z, targets.map { T.constant($0) }, dz: false, dy: false).values
    return Kernels.mean(losses, AxisLayout(count: losses.count))[0]
  }
  func callAsFunction<T: ADScalar>(_ z: [T]) -> [T] { [loss(z)] }
}

/// Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².
struct Rosenbrock: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    var sum: T = 0
    for i in 0..<Swift.max(x.count - 1, 0) {
      let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
      sum += 100 * a * a + b * b
    }
    return [sum]
  }
}

/// Log-likelihood of fixed data under a two-component Gaussian mixture with parameters
/// (μ₁, μ₂, log σ₁, log σ₂, logit π): Σₙ log Σₖ πₖ 𝒩(xₙ | μₖ, σₖ), each inner sum by logsumexp.
struct GaussianMixtureLogLikelihood: ADFunction {
  let data: [Double]
  func callAsFunction<T: ADScalar>(_ p: [T]) -> [T] {
    guard p.count == 5 else { return [] }
    let logPi1 = -T.softplus(-p[4]), logPi2 = -T.softplus(p[4])  // log σ(a), log(1 − σ(a))
    let halfLog2Pi = T.constant(0.918_938_533_204_672_7)
    var total: T = 0
    for x in data {
      let xt = T.constant(x)
      let r1 = (xt - p[0]) / T.exp(p[2]), r2 = (xt - p[1]) / T.exp(p[3])
      let a = logPi1 - p[2] - halfLog2Pi - r1 * r1 / 2
      let b = logPi2 - p[3] - halfLog2Pi - r2 * r2 / 2
      total += LogSumExp()([a, b])[0]
    }
    return [total]
  }
}
