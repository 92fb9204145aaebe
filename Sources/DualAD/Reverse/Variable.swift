/// A scalar recorded on a ``Tape``: reverse-mode differentiation.
///
/// A variable is a value whose differential is a combination of at most two tape nodes,
/// dv = scale·d(node `index`) + otherScale·d(node `otherIndex`). A function of one argument
/// (`sin(x)`, `2 * x`, `x + 1`) only rescales both by the chain rule and records nothing; so does
/// a function of two arguments whose nodes together number at most two (`x * x`, `x[1] − x[0]²`,
/// then `100·a² + b²` with b = 1 − x[0]). Only where a third node joins is one node recorded,
/// with all three or four parents and their accumulated partials: the statement-level
/// preaccumulation of expression-template tools, done at run time. Rosenbrock's term
/// `sum += 100(x[i+1] − x[i]²)² + (1 − x[i])²` records one node with three parents where eight
/// binary operations would record three. The backward sweep then computes x̄ = Jᵀȳ for every
/// input at once. A variable made from a literal or `Variable(x)` is a constant: it has no node
/// and costs nothing.
///
/// A variable belongs to one tape and is meant to be used while that tape is alive: inside the
/// closure of ``gradient(at:of:)`` or ``vjp(at:cotangent:of:)``, or while a ``Tape`` you made is
/// kept. A variable kept past its tape is safe: arithmetic on it records nothing and reads no
/// freed memory, and every operator that meets it, or a value computed from it, throws
/// ``DifferentiationError/finishedTape``.
@frozen
public struct Variable<Value: ADScalar>: RuleDifferentiable {
  public typealias Primal = Value.Primal
  public typealias Magnitude = Variable<Value>
  public typealias FloatLiteralType = Double
  public typealias IntegerLiteralType = Int

  /// The primal value.
  public let value: Value
  /// ∂value/∂(node `index`).
  @usableFromInline let scale: Value
  /// ∂value/∂(node `otherIndex`), kept only when the tape preaccumulates, whose values are
  /// their own primals (so a `Dual` variable does not carry a dead dual); 0 otherwise.
  @usableFromInline let otherPrimalScale: Primal
  /// ∂value/∂(node `otherIndex`); meaningless when `otherIndex` is 0.
  @inlinable var otherScale: Value { Value(otherPrimalScale) }
  /// The node this variable depends on; 0 for a constant.
  @usableFromInline let index: Int32
  /// A second node this variable depends on, or 0 (the sink) for none.
  @usableFromInline let otherIndex: Int32
  /// The tape's slot and the generation this variable was recorded in: the storage is read or
  /// written only while the slot is still in it. ``TapeHandle/constant`` for a constant.
  @usableFromInline let tape: TapeHandle

  @inlinable @inline(__always)
  init(
    value: Value, index: Int32, scale: Value = 1, otherIndex: Int32 = 0, otherScale: Value = 0,
    tape: TapeHandle
  ) {
    self.value = value
    self.scale = scale
    self.otherPrimalScale = otherScale.primal
    self.index = index
    self.otherIndex = otherIndex
    self.tape = tape
  }

  /// A constant (no tape node).
  @inlinable
  public init(_ primal: Primal) {
    self.init(value: Value(primal), index: 0, scale: 0, tape: .constant)
  }

  /// A constant of the tape's value type (no tape node).
  @inlinable
  public init(constant value: Value) {
    self.init(value: value, index: 0, scale: 0, tape: .constant)
  }

  /// A value of a computation that was not recorded: the tape's operators throw for it (the
  /// tape remembers why, or its generation has ended). It depends on the sink.
  @inlinable
  init(unrecorded value: Value, tape: TapeHandle) {
    self.init(value: value, index: 0, scale: 0, tape: tape)
  }

  /// Whether this variable's tape is still alive; false for a constant.
  @inlinable var isCurrent: Bool { tape.isCurrent }

  @inlinable public var primal: Primal { value.primal }

  /// True when this variable depends on a tape's inputs, false for a constant.
  @inlinable public var isRecorded: Bool { tape.isRecorded }

  @inlinable public var isIdenticallyZero: Bool { !tape.isRecorded && value.isIdenticallyZero }

  @inlinable static var combinesTwoNodes: Bool { TapeStorage<Value>.preaccumulates }

  /// f(x): both partials are multiplied by f′(x); no node.
  @inlinable @inline(__always)
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    guard x.tape.isRecorded else { return Variable(constant: v) }
    return x.scaled(to: v, by: d)
  }

  @inlinable @inline(__always)
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    return combine(value: v, x, dx, y, dy)
  }

  /// The variable with value v and both partials multiplied by d.
  @inlinable @inline(__always)
  func scaled(to v: Value, by d: Value) -> Self {
    Variable(
      value: v, index: index, scale: d * scale,
      otherIndex: otherIndex, otherScale: Self.combinesTwoNodes ? d * otherScale : 0, tape: tape)
  }

  /// The storage to record on, while `tape` is alive; nil for a finished tape, on which
  /// nothing is recorded and whose results stay stale.
  @inlinable @inline(__always)
  static func liveStorage(_ tape: TapeHandle) -> UnsafeMutablePointer<TapeStorage<Value>>? {
    _fastPath(tape.isLive) ? tape.storage(of: Value.self) : nil
  }

  /// For operands of two tapes, or of two generations of one tape's slot, whose result is not
  /// recorded: the tape it belongs to. A live tape among them remembers the misuse, so that its
  /// operators throw, and the result belongs to it; when neither is live the result stays
  /// stale. Out of line, and it returns a handle rather than a variable: a `Variable<Dual<Double>>`
  /// returned from a call goes through memory, and so then did every result of `combine`.
  @inlinable @inline(never)
  static func tapeOfUnrecorded(_ tx: TapeHandle, _ ty: TapeHandle) -> TapeHandle {
    switch (tx.isCurrent, ty.isCurrent) {
    case (true, true):
      TapeStorage.markMixed(tx.storage(of: Value.self), ty.storage(of: Value.self))
    case (true, false):
      tx.storage(of: Value.self).pointee.remember(.finishedTape)
    case (false, true):
      ty.storage(of: Value.self).pointee.remember(.finishedTape)
      return ty
    case (false, false):
      break
    }
    return tx
  }

  /// v = f(x, y) with partials dx, dy. A constant operand leaves the other to rescale; two
  /// operands that depend on at most two nodes together combine them; more record one node.
  /// The cases are spelled out, most frequent first: this is the innermost code of every
  /// recording.
  @inlinable @inline(__always)
  static func combine(value v: Value, _ x: Self, _ dx: Value, _ y: Self, _ dy: Value) -> Self {
    let tx = x.tape, ty = y.tape
    // One comparison for the commonest case, both on one tape (the same slot in the same
    // generation), or both constants; a constant operand or mixed tapes come after.
    guard tx == ty else {
      guard ty.isRecorded else { return x.scaled(to: v, by: dx) }
      guard tx.isRecorded else { return y.scaled(to: v, by: dy) }
      return Variable(unrecorded: v, tape: tapeOfUnrecorded(tx, ty))
    }
    guard tx.isRecorded else { return Variable(constant: v) }
    let a = x.index, c = y.index
    let pa = dx * x.scale, pc = dy * y.scale
    guard combinesTwoNodes else {
      if a == c { return Variable(value: v, index: a, scale: pa + pc, tape: tx) }
      guard let s = liveStorage(tx) else { return Variable(unrecorded: v, tape: tx) }
      return Variable(value: v, index: s.pointee.record(a, pa, c, pc), tape: tx)
    }
    let b = x.otherIndex, d = y.otherIndex
    if b == 0 && d == 0 {
      if a == c { return Variable(value: v, index: a, scale: pa + pc, tape: tx) }
      return Variable(value: v, index: a, scale: pa, otherIndex: c, otherScale: pc, tape: tx)
    }
    let pb = dx * x.otherScale, pd = dy * y.otherScale
    if d == 0 {  // x has two nodes, y one
      if c == a {
        return Variable(value: v, index: a, scale: pa + pc, otherIndex: b, otherScale: pb, tape: tx)
      }
      if c == b {
        return Variable(value: v, index: a, scale: pa, otherIndex: b, otherScale: pb + pc, tape: tx)
      }
      guard let s = liveStorage(tx) else { return Variable(unrecorded: v, tape: tx) }
      return Variable(value: v, index: s.pointee.record(a, pa, b, pb, c, pc), tape: tx)
    }
    if b == 0 {  // x has one node, y two
      if a == c {
        return Variable(value: v, index: c, scale: pa + pc, otherIndex: d, otherScale: pd, tape: tx)
      }
      if a == d {
        return Variable(value: v, index: c, scale: pc, otherIndex: d, otherScale: pa + pd, tape: tx)
      }
      guard let s = liveStorage(tx) else { return Variable(unrecorded: v, tape: tx) }
      return Variable(value: v, index: s.pointee.record(a, pa, c, pc, d, pd), tape: tx)
    }
    if a == c && b == d {  // the same two nodes, as in a·a
      return Variable(value: v, index: a, scale: pa + pc, otherIndex: b, otherScale: pb + pd, tape: tx)
    }
    return mergeTwoPairs(value: v, a, pa, b, pb, c, pc, d, pd, on: tx)
  }

  /// v with the partials of nodes a, b (different) and c, d (different): at most two nodes stay
  /// a combination, more are recorded as one node.
  @inlinable @inline(never)
  static func mergeTwoPairs(
    value v: Value, _ a: Int32, _ pa: Value, _ b: Int32, _ pb: Value, _ c: Int32, _ pc: Value, _ d: Int32, _ pd: Value,
    on tape: TapeHandle
  ) -> Self {
    var pa = pa, pb = pb
    var cJoined = true, dJoined = true
    if c == a { pa += pc } else if c == b { pb += pc } else { cJoined = false }
    if d == a { pa += pd } else if d == b { pb += pd } else { dJoined = false }
    switch (cJoined, dJoined) {
    case (true, true):
      return Variable(value: v, index: a, scale: pa, otherIndex: b, otherScale: pb, tape: tape)
    case (true, false):
      guard let s = liveStorage(tape) else { return Variable(unrecorded: v, tape: tape) }
      return Variable(value: v, index: s.pointee.record(a, pa, b, pb, d, pd), tape: tape)
    case (false, true):
      guard let s = liveStorage(tape) else { return Variable(unrecorded: v, tape: tape) }
      return Variable(value: v, index: s.pointee.record(a, pa, b, pb, c, pc), tape: tape)
    case (false, false):
      guard let s = liveStorage(tape) else { return Variable(unrecorded: v, tape: tape) }
      return Variable(value: v, index: s.pointee.record(a, pa, b, pb, c, pc, d, pd), tape: tape)
    }
  }
}

extension Variable: CustomStringConvertible {
  public var description: String {
    guard tape.isRecorded else { return "\(value) (constant)" }
    let first = "\(scale) × node \(index)"
    return otherIndex == 0 ? "\(value) (\(first))" : "\(value) (\(first) + \(otherScale) × node \(otherIndex))"
  }
}
