// Reverse mode: record once on a tape, sweep backward once per cotangent.

/// f(x) and its gradient ∇f(x) of f: ℝⁿ → ℝ, by one recording and one backward sweep.
///
/// - Throws: ``DifferentiationError`` when x is empty or variables from another tape are mixed in.
@inlinable
public func valueWithGradient<V: ADScalar>(
  at x: [V], of f: ([Variable<V>]) throws(DifferentiationError) -> Variable<V>
) throws(DifferentiationError) -> (value: V, gradient: [V]) {
  guard !x.isEmpty else { throw .emptyInput(operator: "gradient(at:of:)") }
  return try recording(x) { tape, inputs throws(DifferentiationError) in
    let y = try f(inputs)
    return (y.value, try tape.pullbackOfOwnInputs(of: [y], cotangent: [1], withRespectTo: inputs))
  }
}

/// The gradient ∇f(x) = (∂f/∂x₁, …, ∂f/∂xₙ) of f: ℝⁿ → ℝ, by one backward sweep.
@inlinable
public func gradient<V: ADScalar>(
  at x: [V], of f: ([Variable<V>]) throws(DifferentiationError) -> Variable<V>
) throws(DifferentiationError) -> [V] {
  try valueWithGradient(at: x, of: f).gradient
}

/// The vector-Jacobian product vᵀJ(x) of f: ℝⁿ → ℝᵐ, with f(x), by one backward sweep.
///
/// This is PyTorch's `y.backward(v)`: each output yₖ is weighted by vₖ, so the result is
/// Σₖ vₖ ∇yₖ. For the identity it returns v itself; for a sum it returns v₀ in every slot.
///
/// - Throws: ``DifferentiationError/cotangentLengthMismatch(expected:got:)`` when
///   `v.count` differs from the number of outputs.
@inlinable
public func vjp<V: ADScalar>(
  at x: [V], cotangent v: [V], of f: ([Variable<V>]) throws(DifferentiationError) -> [Variable<V>]
) throws(DifferentiationError) -> (value: [V], vjp: [V]) {
  return try recording(x) { tape, inputs throws(DifferentiationError) in
    let y = try f(inputs)
    return (y.map(\.value), try tape.pullbackOfOwnInputs(of: y, cotangent: v, withRespectTo: inputs))
  }
}

/// The full Jacobian Jᵢⱼ = ∂fᵢ/∂xⱼ of f: ℝⁿ → ℝᵐ by reverse mode: f is recorded once, then
/// row i comes from one sweep seeded with the unit cotangent eᵢ, so m sweeps over one tape.
///
/// - Throws: ``DifferentiationError/emptyInput(operator:)`` when x is empty.
@inlinable
public func reverseJacobian<V: ADScalar>(
  at x: [V], of f: ([Variable<V>]) throws(DifferentiationError) -> [Variable<V>]
) throws(DifferentiationError) -> [[V]] {
  guard !x.isEmpty else { throw .emptyInput(operator: "reverseJacobian(at:of:)") }
  return try recording(x) { tape, inputs throws(DifferentiationError) in
    let y = try f(inputs)
    var unit = [V](repeating: 0, count: y.count)
    var rows: [[V]] = []
    rows.reserveCapacity(y.count)
    for i in y.indices {
      unit[i] = 1
      rows.append(try tape.pullbackOfOwnInputs(of: y, cotangent: unit, withRespectTo: inputs))
      unit[i] = 0
    }
    return rows
  }
}
