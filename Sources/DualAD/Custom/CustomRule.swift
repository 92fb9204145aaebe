/// A user's primitive f: ℝⁿ → ℝᵐ with its own derivative, usable inside any generic
/// ``ADScalar`` function in every mode.
///
/// Real code calls things automatic differentiation cannot see into: a C routine, an iterative
/// solver, a formula that is stable only with its own derivative. A custom rule declares the
/// value and the derivative, and DualAD treats it as a primitive:
/// - `Double` and `Float` evaluation calls ``value(_:)`` only;
/// - ``Dual`` multiplies the derivative into the tangent, ``DualVector`` into every tangent;
/// - ``Variable`` records one tape node per output, with every input as a parent;
/// - Hessians and nested derivatives evaluate ``value(_:)`` and ``derivative(at:value:)`` at
///   dual numbers, so both are differentiated again. A rule whose derivative is written in
///   `Double` only (``FirstOrderRule``) throws ``CustomRuleProblem/notTwiceDifferentiable(type:)``
///   there instead of returning a silent zero.
///
/// ```swift
/// struct Hypot3: CustomRule {
///   var inputCount: Int { 3 }
///   func value<T: ADScalar>(_ x: [T]) -> [T] { [T.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])] }
///   func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> {
///     .partials([x.map { $0 / y[0] }])   // ∂r/∂xⱼ = xⱼ/r
///   }
/// }
/// let g = try gradient(at: [1.0, 2.0, 2.0]) { x throws(DifferentiationError) in try Hypot3()(x[0], x[1], x[2]) }
/// // g == [1/3, 2/3, 2/3]
/// ```
///
/// The derivative comes in the form the rule has (see ``CustomDerivative``): the partials
/// ∂yᵢ/∂xⱼ, a JVP t ↦ J·t, a VJP v ↦ vᵀJ, or both products. `GradientCheck`'s `checkRule`
/// audits a rule on its own against GSL, and a failed check of a function that uses rules names
/// the first rule whose derivative is wrong.
public protocol CustomRule: Sendable {
  /// The rule's name in error messages and check reports; the type's name by default.
  var name: String { get }
  /// n, the number of inputs.
  var inputCount: Int { get }
  /// m, the number of outputs; 1 by default.
  var outputCount: Int { get }
  /// f(x): m values. Any error thrown is reported as ``CustomRuleProblem/threw(_:)`` with the rule's name.
  func value<T: ADScalar>(_ x: [T]) throws -> [T]
  /// The derivative of f at x, given y = f(x), in one of the forms of ``CustomDerivative``.
  func derivative<T: ADScalar>(at x: [T], value y: [T]) throws -> CustomDerivative<T>
}

extension CustomRule {
  public var name: String { String(describing: Self.self) }
  public var outputCount: Int { 1 }

  /// f(x) in the mode of `T`: every output with its derivative part.
  ///
  /// - Throws: ``DifferentiationError/customRule(name:problem:)`` when x has another length
  ///   than ``inputCount``, or the rule's value or derivative fails (see ``CustomRuleProblem``).
  @inlinable
  public func callAsFunction<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> [T] {
    guard x.count == inputCount else { throw failure(.inputCount(expected: inputCount, got: x.count)) }
    return try T.applying(custom: self, to: x)
  }

  /// f(x₁, …, xₙ) for a rule with one output.
  ///
  /// - Throws: as ``callAsFunction(_:)-([T])``, and ``CustomRuleProblem/notScalar(outputs:)``
  ///   for a rule with several outputs (call it with an array instead).
  @inlinable
  public func callAsFunction<T: ADScalar>(_ x: T...) throws(DifferentiationError) -> T {
    guard outputCount == 1 else { throw failure(.notScalar(outputs: outputCount)) }
    return try self(x)[0]
  }

  /// The error naming this rule.
  @inlinable
  package func failure(_ problem: CustomRuleProblem) -> DifferentiationError {
    .customRule(name: name, problem: problem)
  }
}
