import DualAD

/// A Double value with a first-order bound on its round-off: how far the computed value can be
/// from the one exact arithmetic would give, by running error analysis through the rule table.
///
/// Each primitive is modelled as backward stable, ŷ = f(x(1 + η))(1 + η′) with |η|, |η′| ≤ u = ε/2, so
///
///     e(y) = |f′(x)|·(e(x) + u·|x|) + u·|y|
///
/// and for a binary primitive the sum over both operands. The bound grows with the size of the
/// intermediates, not of the result: s − softplus(s) at s = 11 is 10⁻⁵, but its bound is about
/// 10⁻¹⁴, the round-off of two numbers near 11. That is the noise a finite difference of f sees,
/// which GSL's own estimate (ε·|f(x ± h)|) misses when f is computed with cancellation.
public struct RunningErrorBound: RuleDifferentiable, Sendable {
  public typealias Primal = Double
  public typealias Magnitude = RunningErrorBound
  public typealias FloatLiteralType = Double
  public typealias IntegerLiteralType = Int

  /// The computed value.
  public var value: Double
  /// The bound on |value − exact value|.
  public var bound: Double

  public init(value: Double, bound: Double) {
    self.value = value
    self.bound = bound
  }

  /// An exact value: a constant, or an input the function receives as it is.
  public init(_ primal: Double) { self.init(value: primal, bound: 0) }

  public var primal: Double { value }
  public var isIdenticallyZero: Bool { value == 0 && bound == 0 }

  /// u = ε/2, the unit round-off of Double.
  static let unitRoundoff = Double.ulpOfOne / 2

  /// |∂y/∂x|·(e(x) + u·|x|): an operand's bound carried through a partial, with the rounding
  /// of the operand as the primitive sees it. An exact operand whose partial is not finite
  /// (the constant y of xʸ at x < 0) adds nothing.
  static func carried(_ x: Self, partial: Double) -> Double {
    let scale = x.bound + unitRoundoff * Swift.abs(x.value)
    guard scale != 0 else { return 0 }
    let carried = Swift.abs(partial) * scale
    return carried.isFinite || x.bound != 0 ? carried : 0
  }

  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    return Self(value: v, bound: carried(x, partial: d) + unitRoundoff * Swift.abs(v))
  }

  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    return Self(value: v, bound: carried(x, partial: dx) + carried(y, partial: dy) + unitRoundoff * Swift.abs(v))
  }
}

/// The round-off bound of each output of f at x (see ``RunningErrorBound``).
///
/// With `roundedInputs`, each input carries u·|xⱼ| of its own: the point was itself computed
/// (x + t·u in a directional difference), not given.
func evaluationNoise<F: ADFunction>(of f: F, at x: [Double], roundedInputs: Bool = false) -> [Double] {
  let inputs = x.map { RunningErrorBound(value: $0, bound: roundedInputs ? RunningErrorBound.unitRoundoff * Swift.abs($0) : 0) }
  return f(inputs).map { $0.bound.isFinite ? $0.bound : 0 }
}
