/// A dual number with `Width` tangents: vector-mode forward differentiation.
///
/// One pass carries `Width` directions at once, so a Jacobian of f: ℝⁿ → ℝᵐ takes ⌈n/Width⌉
/// passes instead of n. Each rule's partial is computed once and multiplied into every tangent.
@frozen
public struct DualVector<let Width: Int, Value: ADScalar>: RuleDifferentiable {
  public typealias Primal = Value.Primal
  public typealias Magnitude = DualVector<Width, Value>
  public typealias FloatLiteralType = Double
  public typealias IntegerLiteralType = Int

  /// The primal value.
  public var value: Value
  /// The tangents, one per direction.
  public var tangents: InlineArray<Width, Value>
  /// The derivative call these perturbations belong to (see ``PerturbationTag``).
  public var tag: PerturbationTag

  @inlinable
  public init(value: Value, tangents: InlineArray<Width, Value>, tag: PerturbationTag = .none) {
    self.value = value
    self.tangents = tangents
    self.tag = tag
  }

  /// A constant: every tangent zero.
  @inlinable
  public init(_ primal: Primal) {
    self.init(value: Value(primal), tangents: InlineArray(repeating: 0))
  }

  @inlinable public var primal: Primal { value.primal }

  @inlinable
  public var isIdenticallyZero: Bool {
    guard value.isIdenticallyZero else { return false }
    for k in 0..<Width where !tangents[k].isIdenticallyZero { return false }
    return true
  }

  /// ẏₖ = f′(x)·ẋₖ for every direction k.
  @inlinable @inline(__always)
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    var t = x.tangents
    for k in 0..<Width { t[k] = d * t[k] }
    return DualVector(value: v, tangents: t, tag: x.tag)
  }

  /// żₖ = ∂f/∂x·ẋₖ + ∂f/∂y·ẏₖ for every direction k.
  @inlinable @inline(__always)
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    var t = x.tangents
    for k in 0..<Width { t[k] = dx * t[k] + dy * y.tangents[k] }
    return DualVector(value: v, tangents: t, tag: .merge(x.tag, y.tag))
  }

  /// xʸ; a constant exponent contributes no ∂/∂y term (see ``Dual/pow(_:_:)-(Self,Self)``).
  @inlinable
  public static func pow(_ x: Self, _ y: Self) -> Self {
    if y.isConstant {
      let (v, dx, _) = BinaryPrimitive.pow.evaluate(x.value, y.value)
      var t = x.tangents
      for k in 0..<Width { t[k] = dx * t[k] }
      return DualVector(value: v, tangents: t, tag: x.tag)
    }
    return applying(.pow, x, y)
  }

  @inlinable
  var isConstant: Bool {
    for k in 0..<Width where !tangents[k].isIdenticallyZero { return false }
    return true
  }
}
