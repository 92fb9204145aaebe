import DualAD
import DualADTensor

/// The GMM parameters as the tensors a user keeps, each its own leaf: α [K], μ [K, d],
/// q [K, d] (log-diagonals) and l [K, d(d − 1)/2] (strictly-lower entries, column by column).
public struct GaussianMixtureTensors {
  public let alphas: Tensor<Double>
  public let means: Tensor<Double>
  public let logDiagonals: Tensor<Double>
  public let lowerEntries: Tensor<Double>

  /// The four leaves, for zeroing their gradients.
  public var leaves: [Tensor<Double>] { [alphas, means, logDiagonals, lowerEntries] }

  /// The gradients after a backward, in the flat order of θ.
  public func flatGradient() -> [Double] {
    let k = alphas.count, d = means.count / max(k, 1), m = lowerEntries.count / max(k, 1)
    let (ga, gm) = (alphas.grad?.scalars ?? [], means.grad?.scalars ?? [])
    let (gq, gl) = (logDiagonals.grad?.scalars ?? [], lowerEntries.grad?.scalars ?? [])
    guard ga.count == k, gm.count == k * d, gq.count == k * d, gl.count == k * m else { return [] }
    var flat = ga + gm
    for c in 0..<k { flat += gq[c * d ..< (c + 1) * d] + gl[c * m ..< (c + 1) * m] }
    return flat
  }
}

extension GaussianMixtureProblem {
  /// θ split into the four leaves of ``GaussianMixtureTensors``, each requiring grad.
  public func tensors(_ theta: [Double]) throws(TensorError) -> GaussianMixtureTensors {
    let d = dimension, k = components, size = factorSize
    let factors = (0..<k).map { c in theta[factorOffset + c * size ..< factorOffset + (c + 1) * size] }
    return GaussianMixtureTensors(
      alphas: try Tensor(shape: [k], scalars: Array(theta[0..<k]), requiresGrad: true),
      means: try Tensor(shape: [k, d], scalars: Array(theta[meanOffset ..< factorOffset]), requiresGrad: true),
      logDiagonals: try Tensor(shape: [k, d], scalars: factors.flatMap { $0.prefix(d) }, requiresGrad: true),
      lowerEntries: try Tensor(shape: [k, size - d], scalars: factors.flatMap { $0.dropFirst(d) }, requiresGrad: true))
  }

  /// The points as an [N, d] tensor.
  public func pointTensor() throws(TensorError) -> Tensor<Double> {
    try Tensor(shape: [points, dimension], scalars: x)
  }

  /// f(θ) on tensors, written as the JAX peer writes it (Benchmarks/jax/peer.py), with the
  /// components first: centered [K, N, d], Qₖ(xᵢ − μₖ) = exp(qₖ) ⊙ (xᵢ − μₖ) + Lₖ(xᵢ − μₖ)
  /// as one batched product with Lₖᵀ, then logsumexp over the components.
  public func objective(_ p: GaussianMixtureTensors, points x: Tensor<Double>) throws(TensorError) -> Tensor<Double> {
    let d = dimension, k = components, n = points
    // Lₖᵀ: entry (b, a) of Lₖ, b > a, column by column, goes to row a, column b.
    var rows: [Int] = [], columns: [Int] = []
    for a in 0..<d {
      for b in (a + 1)..<d {
        rows.append(a)
        columns.append(b)
      }
    }
    let lowerTransposed = try p.lowerEntries.scatteredToMatrices(size: d, rows: rows, columns: columns)
    let qDiagonals = p.logDiagonals.exp()
    let sumQs = try p.logDiagonals.sum(dim: 1)
    let centered = try x.reshape([1, n, d]) - p.means.reshape([k, 1, d])
    let transformed = try qDiagonals.reshape([k, 1, d]) * centered + centered.bmm(lowerTransposed)
    let main = try (p.alphas + sumQs).reshape([k, 1]) - 0.5 * (transformed * transformed).sum(dim: 2)
    let halfGammaSquared = 0.5 * wishartGamma * wishartGamma
    let frobenius = try (qDiagonals * qDiagonals).sum(dim: 1) + (p.lowerEntries * p.lowerEntries).sum(dim: 1)
    let prior = try (halfGammaSquared * frobenius - Double(wishartM) * sumQs).sum()
    let constant = -Double(n * d) * 0.5 * Double.log(2 * Double.pi) - priorConstant
    return try main.logsumexp(dim: 0).sum() - Double(n) * p.alphas.logsumexp() + prior + constant
  }
}
