import DualAD

/// log Σᵢ exp(xᵢ) = m + log Σᵢ exp(xᵢ − m) with m = maxᵢ xᵢ, as a user writes it on scalars.
@inlinable
public func logSumExp<T: ADScalar>(_ x: [T]) -> T {
  var m = x[0]
  for v in x where v > m { m = v }
  var sum: T = 0
  for v in x { sum += .exp(v - m) }
  return m + .log(sum)
}

/// The hand-written gradient of log-sum-exp: the softmax, ∂/∂xᵢ = exp(xᵢ − lse(x)).
public func logSumExpGradientByHand(_ x: [Double]) -> [Double] {
  let m = x.max() ?? 0
  var sum = 0.0
  for v in x { sum += Double.exp(v - m) }
  let lse = m + Double.log(sum)
  return x.map { Double.exp($0 - lse) }
}

/// Σᵢ log 𝒩(xᵢ; μ, σ) = Σᵢ −½((xᵢ − μ)/σ)² − log σ − ½ log 2π over the samples x₀…xₙ₋₁;
/// the input is the samples followed by μ and σ, so the gradient covers all n + 2.
@inlinable
public func normalLogDensity<T: ADScalar>(_ input: [T]) -> T {
  let n = input.count - 2
  let mu = input[n], sigma = input[n + 1]
  let logSigma = T.log(sigma)
  let halfLogTwoPi = T.constant(0.5 * Double.log(2 * Double.pi))
  var sum: T = 0
  for i in 0..<n {
    let z = (input[i] - mu) / sigma
    sum += -0.5 * z * z - logSigma - halfLogTwoPi
  }
  return sum
}

/// ∂/∂xᵢ = −(xᵢ − μ)/σ², ∂/∂μ = Σ (xᵢ − μ)/σ², ∂/∂σ = Σ ((xᵢ − μ)²/σ³ − 1/σ).
public func normalLogDensityGradientByHand(_ input: [Double]) -> [Double] {
  let n = input.count - 2
  let mu = input[n], sigma = input[n + 1]
  var g = [Double](repeating: 0, count: input.count)
  var dMu = 0.0, dSigma = 0.0
  for i in 0..<n {
    let r = input[i] - mu
    g[i] = -r / (sigma * sigma)
    dMu += r / (sigma * sigma)
    dSigma += r * r / (sigma * sigma * sigma) - 1 / sigma
  }
  g[n] = dMu
  g[n + 1] = dSigma
  return g
}

/// The softmax pᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m), a function ℝⁿ → ℝⁿ with a dense Jacobian.
@inlinable
public func softmax<T: ADScalar>(_ x: [T]) -> [T] {
  var m = x[0]
  for v in x where v > m { m = v }
  let e = x.map { T.exp($0 - m) }
  var sum: T = 0
  for v in e { sum += v }
  return e.map { $0 / sum }
}

/// The softmax Jacobian in closed form, J = diag(p) − p pᵀ; rows are outputs.
public func softmaxJacobianByHand(_ x: [Double]) -> [[Double]] {
  let m = x.max() ?? 0
  let e = x.map { Double.exp($0 - m) }
  let sum = e.reduce(0, +)
  let p = e.map { $0 / sum }
  return p.indices.map { i in p.indices.map { j in (i == j ? p[i] : 0) - p[i] * p[j] } }
}
