/// A scalar recorded on a ``Tape``: reverse-mode differentiation.
///
/// A variable is value = f(node): it names one tape node and carries ∂value/∂node, its `scale`.
/// A function of one argument (`sin(x)`, `2 * x`, `x + 1`, `x * x`) only updates the scale by the
/// chain rule, scale ← f′(x)·scale, and records nothing. A node is recorded only where two
/// different nodes meet (`x * y`, `a + b`), holding both scaled partials. Most code has far
/// fewer such meetings than operations, so the tape is shorter to record and to sweep; the
/// backward sweep then computes x̄ = Jᵀȳ for every input at once. A variable made from a
/// literal or `Variable(x)` is a constant: it has no node and costs nothing.
///
/// A variable points into its tape's memory and is valid only while that tape is alive.
/// The operators (``gradient(at:of:)``, ``vjp(at:cotangent:of:)``) keep the tape alive for
/// the duration of the closure; do not let variables escape it.
@frozen
public struct Variable<Value: ADScalar>: RuleDifferentiable {
  public typealias Primal = Value.Primal
  public typealias Magnitude = Variable<Value>
  public typealias FloatLiteralType = Double
  public typealias IntegerLiteralType = Int

  /// The primal value.
  public let value: Value
  /// ∂value/∂(node `index`): the chain of one-argument partials since that node.
  @usableFromInline let scale: Value
  /// The node this variable is a multiple of; 0 for a constant.
  @usableFromInline let index: Int32
  @usableFromInline let tape: UnsafeMutablePointer<TapeStorage<Value>>?

  @inlinable
  init(value: Value, index: Int32, scale: Value = 1, tape: UnsafeMutablePointer<TapeStorage<Value>>?) {
    self.value = value
    self.scale = scale
    self.index = index
    self.tape = tape
  }

  /// A constant (no tape node).
  @inlinable
  public init(_ primal: Primal) {
    self.init(value: Value(primal), index: 0, scale: 0, tape: nil)
  }

  /// A constant of the tape's value type (no tape node).
  @inlinable
  public init(constant value: Value) {
    self.init(value: value, index: 0, scale: 0, tape: nil)
  }

  @inlinable public var primal: Primal { value.primal }

  /// True when this variable depends on a tape's inputs, false for a constant.
  @inlinable public var isRecorded: Bool { tape != nil }

  @inlinable public var isIdenticallyZero: Bool { tape == nil && value.isIdenticallyZero }

  /// f(x): the partial joins the scale, scale ← f′(x)·scale; no node.
  @inlinable @inline(__always)
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    guard let tape = x.tape else { return Variable(constant: v) }
    return Variable(value: v, index: x.index, scale: d * x.scale, tape: tape)
  }

  @inlinable @inline(__always)
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    return combine(value: v, x, dx, y, dy)
  }

  /// xʸ. A constant exponent never multiplies ∂/∂y (NaN for a negative base) into anything.
  @inlinable
  public static func pow(_ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = BinaryPrimitive.pow.evaluate(x.value, y.value)
    return combine(value: v, x, dx, y, dy)
  }

  /// v = f(x, y) with partials dx, dy. A constant operand, or both operands on the same node,
  /// leave one node to scale; two different nodes meet in a new node.
  @inlinable @inline(__always)
  static func combine(value v: Value, _ x: Self, _ dx: Value, _ y: Self, _ dy: Value) -> Self {
    switch (x.tape, y.tape) {
    case let (tx?, ty?):
      if x.index == y.index && tx == ty {
        return Variable(value: v, index: x.index, scale: dx * x.scale + dy * y.scale, tape: tx)
      }
      if _slowPath(tx != ty) {
        tx.pointee.misuse = tx.pointee.misuse ?? .mixedTapes
        ty.pointee.misuse = ty.pointee.misuse ?? .mixedTapes
      }
      let i = tx.pointee.record(lhs: x.index, lhsPartial: dx * x.scale, rhs: y.index, rhsPartial: dy * y.scale)
      return Variable(value: v, index: i, tape: tx)
    case let (tx?, nil):
      return Variable(value: v, index: x.index, scale: dx * x.scale, tape: tx)
    case let (nil, ty?):
      return Variable(value: v, index: y.index, scale: dy * y.scale, tape: ty)
    case (nil, nil):
      return Variable(constant: v)
    }
  }
}

extension Variable: CustomStringConvertible {
  public var description: String { tape == nil ? "\(value) (constant)" : "\(value) (\(scale) × node \(index))" }
}
