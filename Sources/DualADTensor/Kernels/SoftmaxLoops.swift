import DualAD

extension Loops {
  /// The pullback of p = softmax(x) along the middle dimension: x̄ᵢ = pᵢ·(vᵢ − Σⱼ vⱼpⱼ), written
  /// around the largest probability pₐ as pᵢ·((vᵢ − vₐ) + Σⱼ≠ₐ (vₐ − vⱼ)·pⱼ) (Σ p = 1), so that
  /// 1 − pₐ is never formed: at p = (1 − 9.4e-14, 9.4e-14) the derivative pₐ·(1 − pₐ) keeps its
  /// digits. It is the second derivative of logsumexp.
  static func softmaxPullback<T: ADScalar>(_ p: [T], _ v: [T], _ layout: AxisLayout) -> [T] {
    let (outer, size, inner) = (layout.outer, layout.size, layout.inner)
    var out = [T](repeating: 0, count: p.count)
    for o in 0..<outer {
      for i in 0..<inner {
        let base = o * size * inner + i
        var top = 0
        for s in 1..<max(size, 1) where p[base + s * inner] > p[base + top * inner] { top = s }
        guard size > 0 else { continue }
        let va = v[base + top * inner]
        var complement: T = 0
        for s in 0..<size where s != top { complement += (va - v[base + s * inner]) * p[base + s * inner] }
        for s in 0..<size { out[base + s * inner] = p[base + s * inner] * ((v[base + s * inner] - va) + complement) }
      }
    }
    return out
  }
}
