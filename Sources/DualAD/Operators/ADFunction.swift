/// A function ℝⁿ → ℝᵐ written once, generic over ``ADScalar``, that can run in every mode.
///
/// Swift closures cannot be generic, so code that must evaluate the same function in plain,
/// forward and reverse mode (a gradient checker, a command-line tool) takes a value of this type:
///
/// ```swift
/// struct Softmax: ADFunction {
///   func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
///     let m = x.max()!, e = x.map { T.exp($0 - m) }
///     let s = e.reduce(0, +)
///     return e.map { $0 / s }
///   }
/// }
/// let j = try Softmax().jacobian(at: [1, 2, 3], mode: .reverse)
/// ```
public protocol ADFunction {
  /// Evaluates the function. Every mode calls this one implementation.
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T]
  /// The number of inputs the function takes, when it is fixed; nil (the default) when any
  /// number will do. The operators below check the point against it.
  var expectedInputCount: Int? { get }
}

extension ADFunction {
  @inlinable public var expectedInputCount: Int? { nil }

  /// Throws ``DifferentiationError/inputCountMismatch(expected:got:)`` when x does not fit.
  @inlinable
  public func checkInputCount(_ x: Int) throws(DifferentiationError) {
    if let expected = expectedInputCount, expected != x { throw .inputCountMismatch(expected: expected, got: x) }
  }
}

/// How a Jacobian is computed.
public enum JacobianMode: String, Sendable, CaseIterable {
  /// One forward pass per input (column by column).
  case forward
  /// Forward passes carrying 8 tangents each.
  case vectorForward
  /// One recording, then one backward sweep per output (row by row).
  case reverse
}

extension ADFunction {
  /// The Jacobian Jᵢⱼ = ∂fᵢ/∂xⱼ at x; rows are outputs, columns inputs.
  @inlinable
  public func jacobian<V: ADScalar>(at x: [V], mode: JacobianMode = .forward) throws(DifferentiationError) -> [[V]] {
    try checkInputCount(x.count)
    switch mode {
    case .forward: return try forwardJacobian(at: x, of: { self($0) })
    case .vectorForward: return try vectorForwardJacobian(at: x, of: { self($0) })
    case .reverse: return try reverseJacobian(at: x, of: { self($0) })
    }
  }

  /// J(x)·t by one forward pass.
  @inlinable
  public func jvp<V: ADScalar>(at x: [V], tangent t: [V]) throws(DifferentiationError) -> (value: [V], jvp: [V]) {
    try checkInputCount(x.count)
    return try DualAD.jvp(at: x, tangent: t, of: { self($0) })
  }

  /// vᵀJ(x) by one backward sweep.
  @inlinable
  public func vjp<V: ADScalar>(at x: [V], cotangent v: [V]) throws(DifferentiationError) -> (value: [V], vjp: [V]) {
    try checkInputCount(x.count)
    return try DualAD.vjp(at: x, cotangent: v, of: { self($0) })
  }

  /// ∇f(x) of a function with exactly one output, by one backward sweep.
  ///
  /// - Throws: ``DifferentiationError/nonScalarOutput(count:)`` when f has other than one output.
  @inlinable
  public func gradient<V: ADScalar>(at x: [V]) throws(DifferentiationError) -> [V] {
    try checkInputCount(x.count)
    guard !x.isEmpty else { throw .emptyInput(operator: "gradient(at:)") }
    return try recording(x) { tape, inputs throws(DifferentiationError) in
      let y = self(inputs)
      guard y.count == 1 else { throw .nonScalarOutput(count: y.count) }
      return try tape.pullbackOfOwnInputs(of: [y[0]], cotangent: [1], withRespectTo: inputs)
    }
  }
}

/// How a Hessian is computed.
public enum HessianMode: String, Sendable, CaseIterable {
  /// Reverse mode differentiated by vector forward mode: ⌈n/8⌉ recordings and sweeps.
  case forwardOverReverse
  /// Nested duals: n(n+1)/2 forward passes.
  case forwardOverForward
}

extension ADFunction {
  /// The Hessian Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ of a function with exactly one output.
  ///
  /// - Throws: ``DifferentiationError/nonScalarOutput(count:)`` when f has other than one output.
  @inlinable
  public func hessian<V: ADScalar>(at x: [V], mode: HessianMode = .forwardOverReverse) throws(DifferentiationError) -> [[V]] {
    try checkInputCount(x.count)
    switch mode {
    case .forwardOverReverse:
      return try DualAD.hessian(at: x) { (v: [Variable<DualVector<8, V>>]) throws(DifferentiationError) in
        try Self.single(self(v))
      }
    case .forwardOverForward:
      return try forwardOverForwardHessian(at: x) { (v: [Dual<Dual<V>>]) throws(DifferentiationError) in
        try Self.single(self(v))
      }
    }
  }

  /// H(x)·v by one forward-over-reverse pass, for a function with exactly one output.
  @inlinable
  public func hessianVectorProduct<V: ADScalar>(at x: [V], direction v: [V]) throws(DifferentiationError) -> [V] {
    try checkInputCount(x.count)
    return try DualAD.hessianVectorProduct(at: x, direction: v) { (u: [Variable<Dual<V>>]) throws(DifferentiationError) in
      try Self.single(self(u))
    }
  }

  @inlinable
  static func single<T>(_ y: [T]) throws(DifferentiationError) -> T {
    guard y.count == 1 else { throw .nonScalarOutput(count: y.count) }
    return y[0]
  }
}
