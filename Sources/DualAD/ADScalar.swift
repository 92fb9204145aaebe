// Re-exported: generic code over ADScalar uses `/`, `.exp`, `.log(onePlus:)` from RealModule's
// protocols, and Swift finds protocol operators only in imported modules. `import DualAD` suffices.
@_exported import RealModule

/// A number type that differentiable code is written against once and then run in every mode.
///
/// Write a function generic over `ADScalar` and evaluate it with `Double` or `Float`,
/// differentiate it forward with ``Dual``, or in reverse with ``Variable``:
///
/// ```swift
/// func rosenbrock<T: ADScalar>(_ x: [T]) -> T {
///   var sum: T = 0
///   for i in 0..<(x.count - 1) {
///     let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
///     sum += 100 * a * a + b * b
///   }
///   return sum
/// }
/// let g = try gradient(at: [1.0, 2.0, 3.0], of: rosenbrock)
/// ```
///
/// The protocol is built on swift-numerics: `RealFunctions` gives `.exp(x)`, `.log(onePlus:)`,
/// `.atan2(y:x:)`, `.erf(x)` and the rest, `AlgebraicField` gives `+ − × ÷`. It adds the
/// activations and piecewise functions that machine-learning code needs, each with a
/// numerically careful formulation.
///
/// Comparisons (`<`, `==`) look at the primal value only, so that control flow such as
/// `if x > 0` takes the same branch in every mode.
public protocol ADScalar: RealFunctions, AlgebraicField, Comparable, ExpressibleByFloatLiteral
where Magnitude == Self {
  /// The plain floating-point type at the bottom of any nesting (`Double` for `Dual<Dual<Double>>`).
  associatedtype Primal: BinaryFloatingPoint & Real & Sendable

  /// A constant: a value with no perturbation and no tape node.
  init(_ primal: Primal)

  /// The plain value, with every derivative part dropped.
  var primal: Primal { get }

  /// The outputs of a user's ``CustomRule`` at x, each with its derivative part: the one
  /// operation through which custom rules enter every mode (see <doc:CustomDerivatives>).
  static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self]

  /// f(x, y) for a user's ``BinaryRule``: the same as a built-in binary primitive, without arrays.
  static func applying<R: BinaryRule>(binary rule: R, _ x: Self, _ y: Self) throws(DifferentiationError) -> Self

  /// Cube root, ∛x, defined for negative x: ∛x = −∛(−x).
  static func cbrt(_ x: Self) -> Self

  /// Absolute value |x|. Its derivative is sign(x), with the convention |·|′(0) = 0 (as in PyTorch).
  static func abs(_ x: Self) -> Self

  /// The logistic function σ(x) = 1 / (1 + e^−x), evaluated without overflow for any x.
  static func sigmoid(_ x: Self) -> Self

  /// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), finite for any finite x.
  static func softplus(_ x: Self) -> Self

  /// relu(x) = max(x, 0), with the convention relu′(0) = 0 (as in PyTorch).
  static func relu(_ x: Self) -> Self

  /// The smaller of x and y. On a tie the derivative is split evenly: ½ to each (as in PyTorch).
  static func minimum(_ x: Self, _ y: Self) -> Self

  /// The larger of x and y. On a tie the derivative is split evenly: ½ to each (as in PyTorch).
  static func maximum(_ x: Self, _ y: Self) -> Self

  /// True when the value and every derivative part are exactly zero: a term multiplied by it
  /// can be dropped. Used to keep ∂/∂y of xʸ out when y is a constant.
  var isIdenticallyZero: Bool { get }

  /// The polygamma function ψ⁽ⁿ⁾(x) = dⁿ⁺¹/dxⁿ⁺¹ log Γ(x); n = 0 is the digamma function ψ.
  static func polygamma(_ n: Int, _ x: Self) -> Self

  /// f(x) for any primitive of the rule table, e.g. `T.applying(.logit, to: x)`: one
  /// application of its rule (one tape node in reverse mode), in every mode.
  static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self

  /// f(x, y) for any primitive of the rule table, e.g. `T.applying(.xlogy, p, q)`.
  static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self

  /// The sum Σₖ xₖ (0 for no terms) of an array, a slice or a lazy map, added left to right. On
  /// a ``Variable`` tape it is one node with every term as a parent; in forward mode, one pass.
  /// A lazy map's terms are computed once and not stored:
  /// `T.sum((0..<n).lazy.map { i in x[i] * x[i] })`.
  static func sum<C: RandomAccessCollection<Self>>(_ x: C) -> Self

  /// The dot product Σₖ aₖbₖ, added left to right. On a ``Variable`` tape it is one node with
  /// every element of both arrays as a parent (∂/∂aₖ = bₖ, ∂/∂bₖ = aₖ); in forward mode, one pass.
  ///
  /// Arrays of different lengths give NaN, and on a tape the next operator throws
  /// ``DifferentiationError/dotLengthMismatch(lhs:rhs:)`` (it does not throw itself, so that
  /// `T.dot(a, b)` reads like arithmetic inside any closure).
  static func dot<A: RandomAccessCollection<Self>, B: RandomAccessCollection<Self>>(_ a: A, _ b: B) -> Self

  /// The dot product Σₖ aₖbₖ of constant primal values aₖ (a fixed matrix row, data, weights
  /// that are not differentiated) with values bₖ, added left to right: ∂/∂bₖ = aₖ. On a
  /// ``Variable`` tape it is one node with every recorded bₖ as a parent, and the aₖ are read as
  /// they are, without making a constant variable of each.
  ///
  /// Arrays of different lengths give NaN, as with ``dot(_:_:)``.
  static func dot<A: RandomAccessCollection<Primal>, B: RandomAccessCollection<Self>>(constants a: A, _ b: B) -> Self
}

extension ADScalar {
  /// The digamma function ψ(x) = Γ′(x)/Γ(x), the derivative of log Γ.
  @inlinable
  public static func digamma(_ x: Self) -> Self { polygamma(0, x) }

  /// A constant converted from a `Double` (rounded once to the primal type).
  @inlinable
  public static func constant(_ value: Double) -> Self { Self(Primal(value)) }
}
