import RealModule

/// A differentiating scalar whose every operation is one application of the rule table.
///
/// ``Dual``, ``DualVector`` and ``Variable`` implement only the two `applying` methods
/// (what to do with a partial: multiply it into tangents, or record it on a tape) and
/// inherit every function of ``ADScalar`` from here, so no derivative is written twice.
public protocol RuleDifferentiable: ADScalar {
  /// f(x) with its derivative part, for the unary primitive f.
  static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self
  /// f(x, y) with its derivative part, for the binary primitive f.
  static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self
}

extension RuleDifferentiable {
  // MARK: Arithmetic (always inlined: the optimizer otherwise keeps them as calls in large
  // generic functions, and a call per operation measured 17 % of a GMM gradient)
  @inlinable @inline(__always) public static func + (x: Self, y: Self) -> Self { applying(.add, x, y) }
  @inlinable @inline(__always) public static func - (x: Self, y: Self) -> Self { applying(.subtract, x, y) }
  @inlinable @inline(__always) public static func * (x: Self, y: Self) -> Self { applying(.multiply, x, y) }
  @inlinable @inline(__always) public static func / (x: Self, y: Self) -> Self { applying(.divide, x, y) }
  @inlinable @inline(__always) public static prefix func - (x: Self) -> Self { applying(.negate, to: x) }
  @inlinable @inline(__always) public static func += (x: inout Self, y: Self) { x = x + y }
  @inlinable @inline(__always) public static func -= (x: inout Self, y: Self) { x = x - y }
  @inlinable @inline(__always) public static func *= (x: inout Self, y: Self) { x = x * y }
  @inlinable @inline(__always) public static func /= (x: inout Self, y: Self) { x = x / y }
  @inlinable public mutating func negate() { self = -self }
  @inlinable public var magnitude: Self { Self.applying(.abs, to: self) }
  @inlinable public var reciprocal: Self? { primal == 0 ? nil : 1 / self }
  @inlinable public static var zero: Self { Self(Primal.zero) }

  @inlinable public init(integerLiteral value: Int) { self.init(Primal(value)) }
  @inlinable public init(floatLiteral value: Double) { self.init(Primal(value)) }
  @inlinable
  public init?<T: BinaryInteger>(exactly source: T) {
    guard let p = Primal(exactly: source) else { return nil }
    self.init(p)
  }

  // MARK: Comparison looks at the primal value only, so branches agree in every mode.
  @inlinable public static func == (x: Self, y: Self) -> Bool { x.primal == y.primal }
  @inlinable public static func < (x: Self, y: Self) -> Bool { x.primal < y.primal }

  // MARK: ElementaryFunctions
  @inlinable public static func exp(_ x: Self) -> Self { applying(.exp, to: x) }
  @inlinable public static func expMinusOne(_ x: Self) -> Self { applying(.expm1, to: x) }
  @inlinable public static func cosh(_ x: Self) -> Self { applying(.cosh, to: x) }
  @inlinable public static func sinh(_ x: Self) -> Self { applying(.sinh, to: x) }
  @inlinable public static func tanh(_ x: Self) -> Self { applying(.tanh, to: x) }
  @inlinable public static func cos(_ x: Self) -> Self { applying(.cos, to: x) }
  @inlinable public static func sin(_ x: Self) -> Self { applying(.sin, to: x) }
  @inlinable public static func tan(_ x: Self) -> Self { applying(.tan, to: x) }
  @inlinable public static func log(_ x: Self) -> Self { applying(.log, to: x) }
  @inlinable public static func log(onePlus x: Self) -> Self { applying(.log1p, to: x) }
  @inlinable public static func acosh(_ x: Self) -> Self { applying(.acosh, to: x) }
  @inlinable public static func asinh(_ x: Self) -> Self { applying(.asinh, to: x) }
  @inlinable public static func atanh(_ x: Self) -> Self { applying(.atanh, to: x) }
  @inlinable public static func acos(_ x: Self) -> Self { applying(.acos, to: x) }
  @inlinable public static func asin(_ x: Self) -> Self { applying(.asin, to: x) }
  @inlinable public static func atan(_ x: Self) -> Self { applying(.atan, to: x) }
  @inlinable public static func pow(_ x: Self, _ y: Self) -> Self { applying(.pow, x, y) }
  @inlinable public static func pow(_ x: Self, _ n: Int) -> Self { applying(.power(n), to: x) }
  @inlinable public static func sqrt(_ x: Self) -> Self { applying(.sqrt, to: x) }
  @inlinable public static func root(_ x: Self, _ n: Int) -> Self { applying(.root(n), to: x) }

  // MARK: RealFunctions
  @inlinable public static func atan2(y: Self, x: Self) -> Self { applying(.atan2, y, x) }
  @inlinable public static func erf(_ x: Self) -> Self { applying(.erf, to: x) }
  @inlinable public static func erfc(_ x: Self) -> Self { applying(.erfc, to: x) }
  @inlinable public static func exp2(_ x: Self) -> Self { applying(.exp2, to: x) }
  @inlinable public static func exp10(_ x: Self) -> Self { applying(.exp10, to: x) }
  @inlinable public static func hypot(_ x: Self, _ y: Self) -> Self { applying(.hypot, x, y) }
  @inlinable public static func gamma(_ x: Self) -> Self { applying(.gamma, to: x) }
  @inlinable public static func log2(_ x: Self) -> Self { applying(.log2, to: x) }
  @inlinable public static func log10(_ x: Self) -> Self { applying(.log10, to: x) }
  @inlinable public static func logGamma(_ x: Self) -> Self { applying(.logGamma, to: x) }
  @inlinable
  public static func signGamma(_ x: Self) -> FloatingPointSign { Primal.signGamma(x.primal) }

  // MARK: ADScalar
  @inlinable public static func cbrt(_ x: Self) -> Self { applying(.cbrt, to: x) }
  @inlinable public static func abs(_ x: Self) -> Self { applying(.abs, to: x) }
  @inlinable public static func sigmoid(_ x: Self) -> Self { applying(.sigmoid, to: x) }
  @inlinable public static func softplus(_ x: Self) -> Self { applying(.softplus, to: x) }
  @inlinable public static func relu(_ x: Self) -> Self { applying(.relu, to: x) }
  @inlinable public static func minimum(_ x: Self, _ y: Self) -> Self { applying(.minimum, x, y) }
  @inlinable public static func maximum(_ x: Self, _ y: Self) -> Self { applying(.maximum, x, y) }
  @inlinable public static func polygamma(_ n: Int, _ x: Self) -> Self { applying(.polygamma(n), to: x) }
}
