// Forward mode: one pass of Dual numbers per direction.

/// The derivative f′(x) of f: ℝ → ℝ, by one forward pass with tangent 1.
@inlinable
public func derivative<V: ADScalar>(at x: V, of f: (Dual<V>) -> Dual<V>) -> V {
  f(Dual(value: x, tangent: 1)).tangent
}

/// f(x) and f′(x) of f: ℝ → ℝ, by one forward pass.
@inlinable
public func valueWithDerivative<V: ADScalar>(at x: V, of f: (Dual<V>) -> Dual<V>) -> (value: V, derivative: V) {
  let y = f(Dual(value: x, tangent: 1))
  return (y.value, y.tangent)
}

/// The Jacobian-vector product J(x)·t of f: ℝⁿ → ℝᵐ, with f(x), by one forward pass.
///
/// - Throws: ``DifferentiationError/tangentLengthMismatch(expected:got:)`` when `t.count ≠ x.count`.
@inlinable
public func jvp<V: ADScalar>(
  at x: [V], tangent t: [V], of f: ([Dual<V>]) -> [Dual<V>]
) throws(DifferentiationError) -> (value: [V], jvp: [V]) {
  guard t.count == x.count else { throw .tangentLengthMismatch(expected: x.count, got: t.count) }
  let y = f(zip(x, t).map { Dual(value: $0, tangent: $1) })
  return (y.map(\.value), y.map(\.tangent))
}

/// The full Jacobian Jᵢⱼ = ∂fᵢ/∂xⱼ of f: ℝⁿ → ℝᵐ by forward mode: column j from one pass
/// seeded with the unit tangent eⱼ, so n passes in all. Rows are outputs, columns inputs.
///
/// - Throws: ``DifferentiationError/emptyInput(operator:)`` when x is empty.
@inlinable
public func forwardJacobian<V: ADScalar>(
  at x: [V], of f: ([Dual<V>]) -> [Dual<V>]
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "forwardJacobian(at:of:)") }
  var seeded = x.map { Dual(value: $0, tangent: 0) }
  var jacobian: [[V]] = []
  for j in x.indices {
    seeded[j].tangent = 1
    let column = f(seeded)
    seeded[j].tangent = 0
    if j == 0 { jacobian = Array(repeating: Array(repeating: 0, count: x.count), count: column.count) }
    for i in column.indices where i < jacobian.count { jacobian[i][j] = column[i].tangent }
  }
  return jacobian
}

/// The full Jacobian of f: ℝⁿ → ℝᵐ by vector-mode forward differentiation: each pass seeds
/// 8 unit tangents at once, so ⌈n/8⌉ passes in all. Rows are outputs, columns inputs.
///
/// - Throws: ``DifferentiationError/emptyInput(operator:)`` when x is empty.
@inlinable
public func vectorForwardJacobian<V: ADScalar>(
  at x: [V], of f: ([DualVector<8, V>]) -> [DualVector<8, V>]
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "vectorForwardJacobian(at:of:)") }
  let width = 8
  var seeded = x.map { DualVector<8, V>(value: $0, tangents: InlineArray(repeating: 0)) }
  var jacobian: [[V]] = []
  for start in stride(from: 0, to: x.count, by: width) {
    let end = min(start + width, x.count)
    for j in start..<end { seeded[j].tangents[j - start] = 1 }
    let columns = f(seeded)
    for j in start..<end { seeded[j].tangents[j - start] = 0 }
    if start == 0 { jacobian = Array(repeating: Array(repeating: 0, count: x.count), count: columns.count) }
    for i in columns.indices where i < jacobian.count {
      for j in start..<end { jacobian[i][j] = columns[i].tangents[j - start] }
    }
  }
  return jacobian
}
