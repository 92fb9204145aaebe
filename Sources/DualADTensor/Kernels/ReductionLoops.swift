import DualAD

/// A reduction's view of a shape: `outer × size × inner`, reducing the middle dimension.
package struct AxisLayout: Sendable {
  let outer: Int
  let size: Int
  let inner: Int

  package init(shape: [Int], dimension: Int) {
    outer = shape[..<dimension].reduce(1, *)
    size = shape[dimension]
    inner = shape[(dimension + 1)...].reduce(1, *)
  }

  package init(count: Int) {
    (outer, size, inner) = (1, count, 1)
  }
}

extension Loops {
  /// outᵢ = Σₛ x[·, s, ·] along the middle dimension of the layout.
  static func sum<T: ADScalar>(_ x: [T], _ layout: AxisLayout) -> [T] {
    let (outer, size, inner) = (layout.outer, layout.size, layout.inner)
    var out = [T](repeating: 0, count: outer * inner)
    x.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { out in
        guard inner > 1 else {
          for o in 0..<outer { out[o] = total(x, from: o * size, count: size) }
          return
        }
        for o in 0..<outer {
          for s in 0..<size {
            let from = (o * size + s) * inner, to = o * inner
            for i in 0..<inner { out[to + i] += x[from + i] }
          }
        }
      }
    }
    return out
  }

  /// Σ x[from ..< from + count] in eight interleaved partial sums: one running sum is a chain
  /// of dependent additions, one per 4 cycles; eight independent ones fill the vector units.
  @inline(__always)
  static func total<T: ADScalar>(_ x: UnsafeBufferPointer<T>, from: Int, count: Int) -> T {
    var partial = (T.zero, T.zero, T.zero, T.zero, T.zero, T.zero, T.zero, T.zero)
    var p = from
    let end = from + count, blocked = from + count / 8 * 8
    while p < blocked {
      partial.0 += x[p]
      partial.1 += x[p + 1]
      partial.2 += x[p + 2]
      partial.3 += x[p + 3]
      partial.4 += x[p + 4]
      partial.5 += x[p + 5]
      partial.6 += x[p + 6]
      partial.7 += x[p + 7]
      p += 8
    }
    var sum = ((partial.0 + partial.1) + (partial.2 + partial.3)) + ((partial.4 + partial.5) + (partial.6 + partial.7))
    while p < end {
      sum += x[p]
      p += 1
    }
    return sum
  }

  /// The adjoint of a sum along an axis: each reduced element's gradient g·scale, copied back
  /// to every position it summed.
  static func expand<T: ADScalar>(_ g: [T], _ layout: AxisLayout, scale: T) -> [T] {
    let (outer, size, inner) = (layout.outer, layout.size, layout.inner)
    // Every (o, s, i) is written once below.
    var out = [T](toBeWrittenCount: outer * size * inner)
    g.withUnsafeBufferPointer { g in
      out.withUnsafeMutableBufferPointer { out in
        guard inner > 1 else {
          // A full reduction's (or a last dimension's) adjoint: one value per run of `size`.
          for o in 0..<outer {
            let value = g[o] * scale
            for s in 0..<size { out[o * size + s] = value }
          }
          return
        }
        for o in 0..<outer {
          for s in 0..<size {
            let to = (o * size + s) * inner, from = o * inner
            for i in 0..<inner { out[to + i] = g[from + i] * scale }
          }
        }
      }
    }
    return out
  }

  /// log Σₛ exp(xₛ) along the middle dimension, written around the largest element xₐ so that
  /// nothing overflows and nothing cancels:
  ///
  ///     logsumexp(x) = xₐ + log1p(Σₛ≠ₐ exp(xₛ − xₐ))
  ///
  /// log1p keeps the digits of a small sum (logsumexp(0, −40) = 4.2e-18, where log(1 + e^−40) is
  /// 0), and xₐ takes part in the derivative, so ∂²/∂xₐ² = S/(1 + S)² (S the sum) is not 1 − 1.
  /// The partials, chained from the rule table's exp and log1p, are softmax(x): ℓ′·eₛ for s ≠ a
  /// and 1 − ℓ′·S for a. When the largest is ±∞ or NaN the shift is 0, as in PyTorch: log Σ exp(xₛ).
  static func logsumexp<T: ADScalar>(_ x: [T], _ layout: AxisLayout, partials: Bool) -> (values: [T], partials: [T]) {
    let (outer, size, inner) = (layout.outer, layout.size, layout.inner)
    var values = [T](repeating: 0, count: outer * inner)
    var derivatives = [T](repeating: 0, count: partials ? x.count : 0)
    var exps = [T](repeating: 0, count: size)
    for o in 0..<outer {
      for i in 0..<inner {
        let base = o * size * inner + i
        var top = 0
        for s in 1..<max(size, 1) where x[base + s * inner].primal > x[base + top * inner].primal { top = s }
        let finite = size > 0 && x[base + top * inner].primal.isFinite
        let shift: T = finite ? x[base + top * inner] : 0
        var total: T = 0
        for s in 0..<size where !(finite && s == top) {
          let (e, de) = UnaryPrimitive.exp.evaluate(x[base + s * inner] - shift)
          total += e
          exps[s] = de
        }
        let (l, dl) = finite ? UnaryPrimitive.log1p.evaluate(total) : UnaryPrimitive.log.evaluate(total)
        values[o * inner + i] = shift + l
        if partials {
          for s in 0..<size { derivatives[base + s * inner] = dl * exps[s] }
          if finite { derivatives[base + top * inner] = 1 - dl * total }
        }
      }
    }
    return (values, derivatives)
  }
}
