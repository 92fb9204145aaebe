/// A dual number v + v̇ε (ε² = 0): forward-mode differentiation, one direction per pass.
///
/// Evaluating f at `Dual(value: x, tangent: ẋ)` gives `Dual(value: f(x), tangent: f′(x)·ẋ)`:
/// the Jacobian-vector product. `Dual<Dual<Double>>` gives second derivatives; the two levels
/// are distinct types, and a ``PerturbationTag`` catches two levels mixed at one type
/// (see ``PerturbationTag`` for the design).
@frozen
public struct Dual<Value: ADScalar>: RuleDifferentiable {
  public typealias Primal = Value.Primal
  public typealias Magnitude = Dual<Value>
  public typealias FloatLiteralType = Double
  public typealias IntegerLiteralType = Int

  /// The primal value v.
  public var value: Value
  /// The tangent v̇: the directional derivative carried along.
  public var tangent: Value
  /// The derivative call this perturbation belongs to.
  public var tag: PerturbationTag

  /// A dual number; `tag` is set by the operators that seed it.
  @inlinable
  public init(value: Value, tangent: Value, tag: PerturbationTag = .none) {
    self.value = value
    self.tangent = tangent
    self.tag = tag
  }

  /// A constant: tangent zero.
  @inlinable
  public init(_ primal: Primal) {
    self.init(value: Value(primal), tangent: 0)
  }

  /// A constant of the value type: tangent zero. This is how a value from an outer level
  /// enters a nested derivative, e.g. `Dual<Dual<Double>>(constant: x)`.
  @inlinable
  public init(constant value: Value) {
    self.init(value: value, tangent: 0)
  }

  @inlinable public var primal: Primal { value.primal }

  /// ẏ = f′(x)·ẋ.
  @inlinable @inline(__always)
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    return Dual(value: v, tangent: d * x.tangent, tag: x.tag)
  }

  /// ż = ∂f/∂x·ẋ + ∂f/∂y·ẏ.
  @inlinable @inline(__always)
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    return Dual(value: v, tangent: dx * x.tangent + dy * y.tangent, tag: .merge(x.tag, y.tag))
  }

  /// xʸ. A constant exponent contributes no ∂/∂y term, so a negative base with an integer
  /// exponent stays finite (∂/∂y would be NaN there, and NaN·0 is NaN).
  @inlinable
  public static func pow(_ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = BinaryPrimitive.pow.evaluate(x.value, y.value)
    if y.tangent.isIdenticallyZero { return Dual(value: v, tangent: dx * x.tangent, tag: x.tag) }
    return Dual(value: v, tangent: dx * x.tangent + dy * y.tangent, tag: .merge(x.tag, y.tag))
  }

  @inlinable public var isIdenticallyZero: Bool { value.isIdenticallyZero && tangent.isIdenticallyZero }
}

extension Dual: Sendable where Value: Sendable {}

extension Dual: CustomStringConvertible {
  public var description: String { "\(value) + \(tangent)ε" }
}
