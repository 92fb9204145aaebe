/// A scalar recorded on a ``Tape``: reverse-mode differentiation.
///
/// Every nonlinear operation appends one node holding its local partials; a backward sweep then
/// computes a vector-Jacobian product x̄ = Jᵀȳ for every input at once. A variable made from a
/// literal or `Variable(x)` is a constant: it has no node and costs nothing.
///
/// Operations that are linear with a constant coefficient (`2 * x`, `x + 1`, `1 - x`, `x / 4`, `-x`)
/// record nothing either: the variable carries the coefficient (`scale`) to its node, and the next
/// recorded operation multiplies it into its partial. Fewer nodes make both recording and the
/// sweep shorter.
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
  /// ∂value/∂(node `index`): the constant coefficient folded in since that node.
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

  @inlinable @inline(__always)
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    guard let tape = x.tape else { return Variable(constant: v) }
    if case .negate = rule { return Variable(value: v, index: x.index, scale: -x.scale, tape: tape) }
    return Variable(value: v, index: tape.pointee.record(parent: x.index, partial: d * x.scale), tape: tape)
  }

  @inlinable @inline(__always)
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    return recordBinary(rule, value: v, x, dx, y, dy)
  }

  /// xʸ. A constant exponent records one parent, so ∂/∂y (NaN for a negative base) is never used.
  @inlinable
  public static func pow(_ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = BinaryPrimitive.pow.evaluate(x.value, y.value)
    return recordBinary(.pow, value: v, x, dx, y, dy)
  }

  /// Records v with parents x and y. With a constant operand, an operation linear in the other
  /// one only rescales it; otherwise the constant folds into a one-parent node.
  @inlinable @inline(__always)
  static func recordBinary(_ rule: BinaryPrimitive, value v: Value, _ x: Self, _ dx: Value, _ y: Self, _ dy: Value) -> Self {
    switch (x.tape, y.tape) {
    case let (tx?, ty?):
      if _slowPath(tx != ty) {
        tx.pointee.misuse = tx.pointee.misuse ?? .mixedTapes
        ty.pointee.misuse = ty.pointee.misuse ?? .mixedTapes
      }
      if x.index == y.index {
        let i = tx.pointee.record(parent: x.index, partial: dx * x.scale + dy * y.scale)
        return Variable(value: v, index: i, tape: tx)
      }
      let i = tx.pointee.record(lhs: x.index, lhsPartial: dx * x.scale, rhs: y.index, rhsPartial: dy * y.scale)
      return Variable(value: v, index: i, tape: tx)
    case let (tx?, nil):
      if rule.isLinearInFirstOperandAlone {
        return Variable(value: v, index: x.index, scale: dx * x.scale, tape: tx)
      }
      return Variable(value: v, index: tx.pointee.record(parent: x.index, partial: dx * x.scale), tape: tx)
    case let (nil, ty?):
      if rule.isLinearInSecondOperandAlone {
        return Variable(value: v, index: y.index, scale: dy * y.scale, tape: ty)
      }
      return Variable(value: v, index: ty.pointee.record(parent: y.index, partial: dy * y.scale), tape: ty)
    case (nil, nil):
      return Variable(constant: v)
    }
  }
}

extension Variable: CustomStringConvertible {
  public var description: String { tape == nil ? "\(value) (constant)" : "\(value) (\(scale) × node \(index))" }
}
