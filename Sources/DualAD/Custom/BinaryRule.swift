/// A custom rule of two inputs and one output, written like a built-in binary primitive: the
/// value and both partials from one function, generic over ``ADScalar``.
///
/// A general ``CustomRule`` passes arrays (of inputs, values, partials), which cost a few heap
/// allocations per application. A binary rule passes scalars, so on the tape it costs what a
/// built-in binary operation costs: its partials join the statement's preaccumulation.
/// It is a ``CustomRule`` too, so `checkRule` audits it and the array form works as well.
///
/// ```swift
/// struct RosenbrockTerm: BinaryRule {
///   func evaluate<T: ADScalar>(_ u: T, _ v: T) -> (value: T, dx: T, dy: T) {
///     let a = v - u * u, b = 1 - u
///     return (100 * a * a + b * b, -400 * u * a - 2 * b, 200 * a)
///   }
/// }
/// ```
public protocol BinaryRule: CustomRule {
  /// f(x, y) and its partials ∂f/∂x, ∂f/∂y. Evaluated at dual numbers for second order.
  func evaluate<T: ADScalar>(_ x: T, _ y: T) throws -> (value: T, dx: T, dy: T)
}

extension BinaryRule {
  public var inputCount: Int { 2 }
  public var outputCount: Int { 1 }

  public func value<T: ADScalar>(_ x: [T]) throws -> [T] { [try evaluate(x[0], x[1]).value] }

  public func derivative<T: ADScalar>(at x: [T], value y: [T]) throws -> CustomDerivative<T> {
    let (_, dx, dy) = try evaluate(x[0], x[1])
    return .partials([[dx, dy]])
  }

  /// f(x, y) in the mode of `T`.
  @inlinable @inline(__always)
  public func callAsFunction<T: ADScalar>(_ x: T, _ y: T) throws(DifferentiationError) -> T {
    try T.applying(binary: self, x, y)
  }

  /// The value and partials at (x, y), checked: an error the rule throws, and a NaN partial where
  /// the value and the inputs are finite, are reported with the rule's name.
  /// Always inlined, with the error paths out of line: on the tape this is the whole cost of the
  /// rule beyond its own arithmetic, and a call per application measured 1.3× the built-ins.
  @inlinable @inline(__always)
  func checkedEvaluation<V: ADScalar>(_ x: V, _ y: V) throws(DifferentiationError) -> (value: V, dx: V, dy: V) {
    let r: (value: V, dx: V, dy: V)
    do {
      r = try evaluate(x, y)
    } catch {
      throw thrownFailure(error)
    }
    if _slowPath(r.dx.primal.isNaN || r.dy.primal.isNaN) {
      try checkNaNPartials(value: r.value, dxIsNaN: r.dx.primal.isNaN, x, y)
    }
    return r
  }

  /// A NaN partial is an error where the value and the inputs are finite.
  @inlinable @inline(never)
  func checkNaNPartials<V: ADScalar>(value: V, dxIsNaN: Bool, _ x: V, _ y: V) throws(DifferentiationError) {
    guard value.primal.isFinite, x.primal.isFinite, y.primal.isFinite else { return }
    throw failure(.nonFiniteDerivative(output: 0, input: dxIsNaN ? 0 : 1))
  }

  /// An error the rule threw, as a ``DifferentiationError`` naming the rule.
  @inlinable @inline(never)
  func thrownFailure(_ error: any Error) -> DifferentiationError {
    (error as? DifferentiationError) ?? failure(.threw(String(describing: error)))
  }
}

extension ADScalar {
  /// Plain evaluation calls the value only; any other type without its own implementation takes
  /// the general path of ``applying(custom:to:)``.
  @inlinable
  public static func applying<R: BinaryRule>(binary rule: R, _ x: Self, _ y: Self) throws(DifferentiationError) -> Self {
    guard Self.self == Primal.self else { return try applying(custom: rule, to: [x, y])[0] }
    CustomRuleRecorder.recordIfActive(rule, at: [x, y])
    return try CustomRuleEvaluation<R, Self>.catching(rule) { try rule.evaluate(x, y) }.value
  }
}

extension Dual {
  /// ż = ∂f/∂x·ẋ + ∂f/∂y·ẏ, as for a built-in binary primitive.
  @inlinable @inline(__always)
  public static func applying<R: BinaryRule>(binary rule: R, _ x: Self, _ y: Self) throws(DifferentiationError) -> Self {
    let (v, dx, dy) = try rule.checkedEvaluation(x.value, y.value)
    return Dual(value: v, tangent: dx * x.tangent + dy * y.tangent, tag: .merge(x.tag, y.tag))
  }
}

extension DualVector {
  /// żₖ = ∂f/∂x·ẋₖ + ∂f/∂y·ẏₖ for every direction k.
  @inlinable @inline(__always)
  public static func applying<R: BinaryRule>(binary rule: R, _ x: Self, _ y: Self) throws(DifferentiationError) -> Self {
    let (v, dx, dy) = try rule.checkedEvaluation(x.value, y.value)
    var t = x.tangents
    for k in 0..<Width { t[k] = dx * t[k] + dy * y.tangents[k] }
    return DualVector(value: v, tangents: t, tag: .merge(x.tag, y.tag))
  }
}

extension Variable {
  /// The partials join the operands' combination, as for a built-in binary primitive: no node
  /// unless a third tape node joins.
  @inlinable @inline(__always)
  public static func applying<R: BinaryRule>(binary rule: R, _ x: Self, _ y: Self) throws(DifferentiationError) -> Self {
    let (v, dx, dy) = try rule.checkedEvaluation(x.value, y.value)
    return combine(value: v, x, dx, y, dy)
  }
}
