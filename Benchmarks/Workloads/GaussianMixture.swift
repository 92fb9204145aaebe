import DualAD
import DualADTensor

/// ADBench's Gaussian-mixture objective (microsoft/ADBench `src/cpp/shared/gmm.h`, `gmm_objective`
/// with its log-Wishart prior), on K components in d dimensions over N fixed points.
///
/// The parameters θ are one flat vector, in ADBench's order: the K log-weights α, the K means μₖ
/// (d each), then for each component its inverse-covariance factor: d log-diagonal entries qₖ
/// followed by the d(d − 1)/2 strictly-lower entries lₖ, column by column. With
/// Qₖ = diag(exp qₖ) + Lₖ,
///
///     f(θ) = −(Nd/2) log 2π + Σᵢ logsumexpₖ(αₖ + Σⱼ qₖⱼ − ½‖Qₖ(xᵢ − μₖ)‖²) − N logsumexpₖ αₖ
///            + Σₖ [½γ²(‖exp qₖ‖² + ‖lₖ‖²) − m Σⱼ qₖⱼ] − K·C(γ, m, d),
///
/// where C = n′d(log γ − ½ log 2) − log Γ_d(n′/2), n′ = d + m + 1, as ADBench computes it.
public struct GaussianMixtureProblem: Sendable {
  public let dimension: Int
  public let components: Int
  public let points: Int
  /// The N points, row by row (N × d).
  public let x: [Double]
  public let wishartGamma: Double
  public let wishartM: Int
  /// The parameters at which the benchmark differentiates.
  public let parameters: [Double]

  public init(dimension: Int, components: Int, points: Int, x: [Double], wishartGamma: Double, wishartM: Int, parameters: [Double]) {
    self.dimension = dimension
    self.components = components
    self.points = points
    self.x = x
    self.wishartGamma = wishartGamma
    self.wishartM = wishartM
    self.parameters = parameters
  }

  /// Data made as ADBench's generator makes it, from a seeded generator: α, q, l and x from
  /// N(0, 1), μ from U(0, 1); Wishart γ = 1, m = 0.
  public static func adbench(dimension d: Int, components k: Int, points n: Int, seed: UInt64) throws(TensorError) -> Self {
    let alphas = try Tensor<Double>.randn([k], seed: seed).scalars
    let means = try Tensor<Double>.rand([k * d], seed: seed &+ 1).scalars
    let icf = try Tensor<Double>.randn([k * (d * (d + 1) / 2)], seed: seed &+ 2).scalars
    let x = try Tensor<Double>.randn([n * d], seed: seed &+ 3).scalars
    return Self(dimension: d, components: k, points: n, x: x, wishartGamma: 1, wishartM: 0, parameters: alphas + means + icf)
  }

  /// d(d + 1)/2: the entries of one inverse-covariance factor.
  @inlinable public var factorSize: Int { dimension * (dimension + 1) / 2 }
  @inlinable public var parameterCount: Int { components * (1 + dimension + factorSize) }
  @inlinable var meanOffset: Int { components }
  @inlinable var factorOffset: Int { components * (1 + dimension) }

  /// The term of the prior that does not depend on θ: K·C.
  @inlinable var priorConstant: Double {
    let d = dimension, nPrime = dimension + wishartM + 1
    var logMultivariateGamma = 0.25 * Double(d * (d - 1)) * Double.log(Double.pi)
    for j in 1...d { logMultivariateGamma += Double.logGamma(0.5 * Double(nPrime) + 0.5 * Double(1 - j)) }
    let c = Double(nPrime * d) * (Double.log(wishartGamma) - 0.5 * Double.log(2)) - logMultivariateGamma
    return Double(components) * c
  }

  /// f(θ), written once over ``ADScalar`` as a user would port `gmm_objective`, with its sums
  /// and dot products as `T.sum` and `T.dot` (one tape node each).
  @inlinable
  public func objective<T: ADScalar>(_ theta: [T]) -> T {
    let d = dimension, k = components, n = points, size = factorSize
    var sumQs: [T] = []
    var qDiagonals: [T] = []
    // Row b of Qₖ up to its diagonal: Lₖ's entries (b, 0…b − 1), then e^{qₖᵦ}.
    var rows: [[T]] = []
    for c in 0..<k {
      let factor = factorOffset + c * size
      let q = theta[factor..<(factor + d)]
      sumQs.append(T.sum(q))
      let e = q.map { T.exp($0) }
      qDiagonals += e
      var componentRows = (0..<d).map { b in [T](repeating: 0, count: b + 1) }
      var l = factor + d
      for a in 0..<d {
        for b in (a + 1)..<d {
          componentRows[b][a] = theta[l]
          l += 1
        }
      }
      for b in 0..<d { componentRows[b][b] = e[b] }
      rows += componentRows
    }
    var centered = [T](repeating: 0, count: d)
    var transformed = [T](repeating: 0, count: d)
    var mainTerms = [T](repeating: 0, count: k)
    var sumOfLogSumExps: T = 0
    for i in 0..<n {
      for c in 0..<k {
        for j in 0..<d { centered[j] = T.constant(x[i * d + j]) - theta[meanOffset + c * d + j] }
        // Qₖ(xᵢ − μₖ), row by row: row b meets the first b + 1 coordinates.
        for b in 0..<d { transformed[b] = T.dot(rows[c * d + b], centered[0...b]) }
        mainTerms[c] = theta[c] + sumQs[c] - 0.5 * T.dot(transformed, transformed)
      }
      sumOfLogSumExps += logSumExp(mainTerms)
    }
    let logSumExpAlphas = logSumExp(Array(theta[0..<k]))
    let constant = -Double(n * d) * 0.5 * Double.log(2 * Double.pi)
    var prior: T = 0
    let halfGammaSquared = T.constant(0.5 * wishartGamma * wishartGamma), m = T.constant(Double(wishartM))
    for c in 0..<k {
      let e = qDiagonals[(c * d)..<(c * d + d)]
      let lower = theta[(factorOffset + c * size + d)..<(factorOffset + c * size + size)]
      let frobenius = T.dot(e, e) + T.dot(lower, lower)
      prior += halfGammaSquared * frobenius - m * sumQs[c]
    }
    return T.constant(constant) + sumOfLogSumExps - T.constant(Double(n)) * logSumExpAlphas
      + prior - T.constant(priorConstant)
  }

  /// ∇f(θ) written by hand. For each point, with wₖ the softmax of the main terms,
  /// yₖ = Qₖ(xᵢ − μₖ) and zₖ = xᵢ − μₖ:
  /// ∂/∂αₖ += wₖ, ∂/∂qₖⱼ += wₖ(1 − yₖⱼ e^{qₖⱼ} zₖⱼ), ∂/∂(Lₖ)ᵦₐ += −wₖ yₖᵦ zₖₐ, ∂/∂μₖ += wₖ Qₖᵀyₖ;
  /// then ∂/∂αₖ −= N softmax(α)ₖ, and the prior adds γ² e^{2qₖⱼ} − m and γ² lₖ.
  public func gradientByHand(_ theta: [Double]) -> [Double] {
    let d = dimension, k = components, n = points, size = factorSize
    let meanOffset = self.meanOffset, factorOffset = self.factorOffset
    var gradient = [Double](repeating: 0, count: theta.count)
    var qDiagonals = [Double](repeating: 0, count: k * d)
    var sumQs = [Double](repeating: 0, count: k)
    var centered = [Double](repeating: 0, count: k * d)
    var transformed = [Double](repeating: 0, count: k * d)
    var mainTerms = [Double](repeating: 0, count: k)
    theta.withUnsafeBufferPointer { theta in
      x.withUnsafeBufferPointer { x in
        gradient.withUnsafeMutableBufferPointer { g in
          qDiagonals.withUnsafeMutableBufferPointer { qDiagonals in
            centered.withUnsafeMutableBufferPointer { z in
              transformed.withUnsafeMutableBufferPointer { y in
                mainTerms.withUnsafeMutableBufferPointer { mainTerms in
                  for c in 0..<k {
                    for j in 0..<d {
                      let q = theta[factorOffset + c * size + j]
                      sumQs[c] += q
                      qDiagonals[c * d + j] = Double.exp(q)
                    }
                  }
                  for i in 0..<n {
                    var largest = -Double.infinity
                    for c in 0..<k {
                      let zc = c * d
                      for j in 0..<d {
                        z[zc + j] = x[i * d + j] - theta[meanOffset + c * d + j]
                        y[zc + j] = qDiagonals[c * d + j] * z[zc + j]
                      }
                      var l = factorOffset + c * size + d
                      for a in 0..<d {
                        let za = z[zc + a]
                        for b in (a + 1)..<d {
                          y[zc + b] += theta[l] * za
                          l += 1
                        }
                      }
                      var squaredNorm = 0.0
                      for j in 0..<d { squaredNorm += y[zc + j] * y[zc + j] }
                      mainTerms[c] = theta[c] + sumQs[c] - 0.5 * squaredNorm
                      largest = Swift.max(largest, mainTerms[c])
                    }
                    var total = 0.0
                    for c in 0..<k {
                      mainTerms[c] = Double.exp(mainTerms[c] - largest)
                      total += mainTerms[c]
                    }
                    for c in 0..<k {
                      let w = mainTerms[c] / total, zc = c * d
                      g[c] += w
                      var l = factorOffset + c * size + d
                      for a in 0..<d {
                        let ya = y[zc + a], za = z[zc + a], qa = qDiagonals[c * d + a]
                        g[factorOffset + c * size + a] += w * (1 - ya * qa * za)
                        var qTy = qa * ya
                        for b in (a + 1)..<d {
                          let yb = y[zc + b]
                          qTy += theta[l] * yb
                          g[l] -= w * yb * za
                          l += 1
                        }
                        g[meanOffset + c * d + a] += w * qTy
                      }
                    }
                  }
                  // −N logsumexp(α) and the prior.
                  var largest = -Double.infinity
                  for c in 0..<k { largest = Swift.max(largest, theta[c]) }
                  var total = 0.0
                  for c in 0..<k { total += Double.exp(theta[c] - largest) }
                  let gammaSquared = wishartGamma * wishartGamma
                  for c in 0..<k {
                    g[c] -= Double(n) * Double.exp(theta[c] - largest) / total
                    for j in 0..<d {
                      let e = qDiagonals[c * d + j]
                      g[factorOffset + c * size + j] += gammaSquared * e * e - Double(wishartM)
                    }
                    for j in d..<size { g[factorOffset + c * size + j] += gammaSquared * theta[factorOffset + c * size + j] }
                  }
                }
              }
            }
          }
        }
      }
    }
    return gradient
  }
}
