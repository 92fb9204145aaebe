/// A scalar recorded on a ``Tape``: reverse-mode differentiation.
///
/// Every operation appends one node holding its local partials; a backward sweep then
/// computes a vector-Jacobian product x̄ = Jᵀȳ for every input at once. A variable made
/// from a literal or `Variable(x)` is a constant: it has no node and costs nothing.
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
  /// This variable's node on the tape; 0 for a constant.
  @usableFromInline let index: Int32
  @usableFromInline let tape: UnsafeMutablePointer<TapeStorage<Value>>?

  @inlinable
  init(value: Value, index: Int32, tape: UnsafeMutablePointer<TapeStorage<Value>>?) {
    self.value = value
    self.index = index
    self.tape = tape
  }

  /// A constant (no tape node).
  @inlinable
  public init(_ primal: Primal) {
    self.init(value: Value(primal), index: 0, tape: nil)
  }

  /// A constant of the tape's value type (no tape node).
  @inlinable
  public init(constant value: Value) {
    self.init(value: value, index: 0, tape: nil)
  }

  @inlinable public var primal: Primal { value.primal }

  /// True when this variable is recorded on a tape, false for a constant.
  @inlinable public var isRecorded: Bool { tape != nil }

  @inlinable public var isIdenticallyZero: Bool { tape == nil && value.isIdenticallyZero }

  @inlinable
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    guard let tape = x.tape else { return Variable(constant: v) }
    return Variable(value: v, index: tape.pointee.record(parent: x.index, partial: d), tape: tape)
  }

  @inlinable
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    return recordBinary(value: v, x, dx, y, dy)
  }

  /// xʸ. A constant exponent records one parent, so ∂/∂y (NaN for a negative base) is never used.
  @inlinable
  public static func pow(_ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = BinaryPrimitive.pow.evaluate(x.value, y.value)
    return recordBinary(value: v, x, dx, y, dy)
  }

  /// Records v with parents x and y. A constant operand is folded into a one-parent node.
  @inlinable
  static func recordBinary(value v: Value, _ x: Self, _ dx: Value, _ y: Self, _ dy: Value) -> Self {
    switch (x.tape, y.tape) {
    case let (tx?, ty?):
      if _slowPath(tx != ty) {
        tx.pointee.misuse = tx.pointee.misuse ?? .mixedTapes
        ty.pointee.misuse = ty.pointee.misuse ?? .mixedTapes
      }
      let i = tx.pointee.record(lhs: x.index, lhsPartial: dx, rhs: y.index, rhsPartial: dy)
      return Variable(value: v, index: i, tape: tx)
    case let (tx?, nil):
      return Variable(value: v, index: tx.pointee.record(parent: x.index, partial: dx), tape: tx)
    case let (nil, ty?):
      return Variable(value: v, index: ty.pointee.record(parent: y.index, partial: dy), tape: ty)
    case (nil, nil):
      return Variable(constant: v)
    }
  }
}

extension Variable: CustomStringConvertible {
  public var description: String { tape == nil ? "\(value) (constant)" : "\(value) (node \(index))" }
}
