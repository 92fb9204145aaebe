// Forward mode: one pass of Dual numbers per direction. Each call seeds its inputs with a fresh
// PerturbationTag and checks that its outputs carry no other call's perturbation.

/// f(x) and f′(x) of f: ℝ → ℝ, by one forward pass with tangent 1.
///
/// - Throws: ``DifferentiationError/perturbationConfusion`` when f mixes in a dual number
///   from an enclosing derivative of the same type.
@inlinable
public func valueWithDerivative<V: ADScalar>(
  at x: V, of f: (Dual<V>) throws(DifferentiationError) -> Dual<V>
) throws(DifferentiationError) -> (value: V, derivative: V) {
  let tag = PerturbationTag.fresh()
  let y = try f(Dual(value: x, tangent: 1, tag: tag))
  try tag.validate(output: y.tag)
  return (y.value, y.tangent)
}

/// The derivative f′(x) = lim (f(x + h) − f(x))/h of f: ℝ → ℝ, by one forward pass.
@inlinable
public func derivative<V: ADScalar>(
  at x: V, of f: (Dual<V>) throws(DifferentiationError) -> Dual<V>
) throws(DifferentiationError) -> V {
  try valueWithDerivative(at: x, of: f).derivative
}

/// The second derivative f″(x) of f: ℝ → ℝ, by one pass of nested duals `Dual<Dual<V>>`.
@inlinable
public func secondDerivative<V: ADScalar>(
  at x: V, of f: (Dual<Dual<V>>) throws(DifferentiationError) -> Dual<Dual<V>>
) throws(DifferentiationError) -> V {
  let outer = PerturbationTag.fresh(), inner = PerturbationTag.fresh()
  let seed = Dual(value: Dual(value: x, tangent: 1, tag: inner), tangent: Dual(value: 1, tangent: 0, tag: inner), tag: outer)
  let y = try f(seed)
  try outer.validate(output: y.tag)
  try inner.validate(output: y.tangent.tag)
  return y.tangent.tangent
}

/// The Jacobian-vector product J(x)·t of f: ℝⁿ → ℝᵐ, with f(x), by one forward pass.
///
/// - Throws: ``DifferentiationError/tangentLengthMismatch(expected:got:)`` when `t.count ≠ x.count`.
@inlinable
public func jvp<V: ADScalar>(
  at x: [V], tangent t: [V], of f: ([Dual<V>]) throws(DifferentiationError) -> [Dual<V>]
) throws(DifferentiationError) -> (value: [V], jvp: [V]) {
  guard t.count == x.count else { throw .tangentLengthMismatch(expected: x.count, got: t.count) }
  let tag = PerturbationTag.fresh()
  let y = try f(zip(x, t).map { Dual(value: $0, tangent: $1, tag: tag) })
  for yi in y { try tag.validate(output: yi.tag) }
  return (y.map(\.value), y.map(\.tangent))
}

/// The full Jacobian Jᵢⱼ = ∂fᵢ/∂xⱼ of f: ℝⁿ → ℝᵐ by forward mode: column j from one pass
/// seeded with the unit tangent eⱼ, so n passes in all. Rows are outputs, columns inputs.
///
/// - Throws: ``DifferentiationError/emptyInput(operator:)`` when x is empty.
@inlinable
public func forwardJacobian<V: ADScalar>(
  at x: [V], of f: ([Dual<V>]) throws(DifferentiationError) -> [Dual<V>]
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "forwardJacobian(at:of:)") }
  let tag = PerturbationTag.fresh()
  var seeded = x.map { Dual(value: $0, tangent: 0, tag: tag) }
  var jacobian: [[V]] = []
  for j in x.indices {
    seeded[j].tangent = 1
    let column = try f(seeded)
    seeded[j].tangent = 0
    if j == 0 { jacobian = Array(repeating: Array(repeating: 0, count: x.count), count: column.count) }
    guard column.count == jacobian.count else { throw .inconsistentOutputCount(first: jacobian.count, now: column.count) }
    for (i, yi) in column.enumerated() {
      try tag.validate(output: yi.tag)
      jacobian[i][j] = yi.tangent
    }
  }
  return jacobian
}

/// The full Jacobian of f: ℝⁿ → ℝᵐ by vector-mode forward differentiation: each pass seeds
/// 8 unit tangents at once, so ⌈n/8⌉ passes in all. Rows are outputs, columns inputs.
///
/// - Throws: ``DifferentiationError/emptyInput(operator:)`` when x is empty.
@inlinable
public func vectorForwardJacobian<V: ADScalar>(
  at x: [V], of f: ([DualVector<8, V>]) throws(DifferentiationError) -> [DualVector<8, V>]
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "vectorForwardJacobian(at:of:)") }
  let width = 8
  let tag = PerturbationTag.fresh()
  var seeded = x.map { DualVector<8, V>(value: $0, tangents: InlineArray(repeating: 0), tag: tag) }
  var jacobian: [[V]] = []
  for start in stride(from: 0, to: x.count, by: width) {
    let end = min(start + width, x.count)
    for j in start..<end { seeded[j].tangents[j - start] = 1 }
    let columns = try f(seeded)
    for j in start..<end { seeded[j].tangents[j - start] = 0 }
    if start == 0 { jacobian = Array(repeating: Array(repeating: 0, count: x.count), count: columns.count) }
    guard columns.count == jacobian.count else { throw .inconsistentOutputCount(first: jacobian.count, now: columns.count) }
    for (i, yi) in columns.enumerated() {
      try tag.validate(output: yi.tag)
      for j in start..<end { jacobian[i][j] = yi.tangents[j - start] }
    }
  }
  return jacobian
}
