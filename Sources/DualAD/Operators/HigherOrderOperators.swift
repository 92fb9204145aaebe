// Second derivatives: forward mode applied to reverse mode, or to forward mode.

/// The Hessian-vector product H(x)·v = ∇²f(x)·v of f: ℝⁿ → ℝ, without forming H, by one
/// forward-over-reverse pass: the inputs are duals x + εv recorded on a tape, and one backward
/// sweep gives ∇f(x) + ε·H(x)v.
///
/// - Throws: ``DifferentiationError`` when `v.count ≠ x.count`, x is empty, or levels are mixed.
@inlinable
public func hessianVectorProduct<V: ADScalar>(
  at x: [V], direction v: [V], of f: ([Variable<Dual<V>>]) throws(DifferentiationError) -> Variable<Dual<V>>
) throws(DifferentiationError) -> [V] {
  guard !x.isEmpty else { throw .emptyInput(operator: "hessianVectorProduct(at:direction:of:)") }
  guard v.count == x.count else { throw .tangentLengthMismatch(expected: x.count, got: v.count) }
  let tag = PerturbationTag.fresh()
  return try recording(zip(x, v).map { Dual(value: $0, tangent: $1, tag: tag) }) { tape, inputs throws(DifferentiationError) in
    let y = try f(inputs)
    // The tape's own checks first: a variable kept from an earlier call also carries that
    // call's tag, and "finished tape" is what the user needs to hear.
    let g = try tape.pullbackOfOwnInputs(of: [y], cotangent: [1], withRespectTo: inputs)
    try tag.validate(output: y.value.tag)
    for gi in g { try tag.validate(output: gi.tag) }
    return g.map(\.tangent)
  }
}

/// The Hessian Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ of f: ℝⁿ → ℝ by forward-over-reverse: each pass records f on
/// inputs carrying 8 directions (`DualVector`) and one backward sweep returns 8 columns of H,
/// so ⌈n/8⌉ recordings and sweeps in all. The result is exactly symmetric: Hᵢⱼ = Hⱼᵢ = their mean.
///
/// - Throws: ``DifferentiationError`` when x is empty or levels are mixed.
@inlinable
public func hessian<V: ADScalar>(
  at x: [V], of f: ([Variable<DualVector<8, V>>]) throws(DifferentiationError) -> Variable<DualVector<8, V>>
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "hessian(at:of:)") }
  let width = 8, n = x.count
  let tag = PerturbationTag.fresh()
  var h = [[V]](repeating: [V](repeating: 0, count: n), count: n)
  var seeds = x.map { DualVector<8, V>(value: $0, tangents: InlineArray(repeating: 0), tag: tag) }
  for start in stride(from: 0, to: n, by: width) {
    let end = min(start + width, n)
    for j in start..<end { seeds[j].tangents[j - start] = 1 }
    try recording(seeds) { tape, inputs throws(DifferentiationError) in
      let y = try f(inputs)
      let g = try tape.pullbackOfOwnInputs(of: [y], cotangent: [1], withRespectTo: inputs)
      try tag.validate(output: y.value.tag)
      for (i, gi) in g.enumerated() {
        try tag.validate(output: gi.tag)
        for j in start..<end { h[i][j] = gi.tangents[j - start] }
      }
    }
    for j in start..<end { seeds[j].tangents[j - start] = 0 }
  }
  // Hᵢⱼ and Hⱼᵢ come from different sweeps and may differ in the last bit; their mean is exactly
  // symmetric and no less accurate.
  for i in 0..<n {
    for j in (i + 1)..<n where h[i][j] != h[j][i] {
      let mean = (h[i][j] + h[j][i]) / 2
      h[i][j] = mean
      h[j][i] = mean
    }
  }
  return h
}

/// The Hessian of f: ℝⁿ → ℝ by forward-over-forward: nested duals `Dual<Dual<V>>` seeded with
/// eᵢ on the inner level and eⱼ on the outer give Hᵢⱼ in one pass; symmetry halves the passes
/// to n(n+1)/2. Slower than ``hessian(at:of:)`` for large n; an independent second opinion.
///
/// - Throws: ``DifferentiationError`` when x is empty or levels are mixed.
@inlinable
public func forwardOverForwardHessian<V: ADScalar>(
  at x: [V], of f: ([Dual<Dual<V>>]) throws(DifferentiationError) -> Dual<Dual<V>>
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "forwardOverForwardHessian(at:of:)") }
  let n = x.count
  let outer = PerturbationTag.fresh(), inner = PerturbationTag.fresh()
  var h = [[V]](repeating: [V](repeating: 0, count: n), count: n)
  var seeds = x.map { Dual(value: Dual(value: $0, tangent: 0, tag: inner), tangent: Dual(value: 0, tangent: 0, tag: inner), tag: outer) }
  for i in 0..<n {
    seeds[i].value.tangent = 1
    for j in i..<n {
      seeds[j].tangent.value = 1
      let y = try f(seeds)
      try outer.validate(output: y.tag)
      try inner.validate(output: y.value.tag)
      try inner.validate(output: y.tangent.tag)
      h[i][j] = y.tangent.tangent
      h[j][i] = y.tangent.tangent
      seeds[j].tangent.value = 0
    }
    seeds[i].value.tangent = 0
  }
  return h
}
