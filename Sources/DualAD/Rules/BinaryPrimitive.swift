import RealModule

/// The rule table for functions of two arguments: the value and both local partials, written once,
/// and beside them (``entry``) its names and domain.
///
/// Forward mode forms ż = ∂f/∂x·ẋ + ∂f/∂y·ẏ; reverse mode stores both partials on one tape node.
/// Adding a primitive is one edit here, as for ``UnaryPrimitive``.
public enum BinaryPrimitive: Hashable, Sendable, CaseIterable {
  case add, subtract, multiply, divide
  /// xʸ. For x < 0 it is defined only at integer y, where ∂/∂y does not exist (NaN).
  case pow
  /// atan2(y, x), the angle of the point (x, y); the first operand is y.
  case atan2
  /// √(x² + y²) without overflow.
  case hypot
  /// min(x, y); a tie splits the derivative ½ and ½ (as PyTorch).
  case minimum
  /// max(x, y); a tie splits the derivative ½ and ½ (as PyTorch).
  case maximum
  /// x·log y, and 0 where x = 0 unless y is NaN (as PyTorch's `xlogy`): 0·log 0 = 0 in an entropy.
  case xlogy

  /// The value f(x, y) and the local partials ∂f/∂x and ∂f/∂y.
  @inlinable @inline(__always)
  public func evaluate<V: ADScalar>(_ x: V, _ y: V) -> (value: V, dx: V, dy: V) {
    switch self {
    case .add: return (x + y, 1, 1)
    case .subtract: return (x - y, 1, -1)
    case .multiply: return (x * y, y, x)
    case .divide:
      let q = x / y
      return (q, 1 / y, -q / y)
    case .pow:
      return Self.power(x, y)
    case .atan2:
      // ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²); r² via hypot so that 1e200 does not overflow.
      let r = V.hypot(x, y)
      return (V.atan2(y: x, x: y), (y / r) / r, -(x / r) / r)
    case .hypot:
      let h = V.hypot(x, y)
      return (h, x / h, y / h)
    case .minimum:
      if x < y { return (x, 1, 0) }
      if y < x { return (y, 0, 1) }
      if x == y { return (x, 0.5, 0.5) }
      return (V(V.Primal.nan), V(V.Primal.nan), V(V.Primal.nan))
    case .maximum:
      if x > y { return (x, 1, 0) }
      if y > x { return (y, 0, 1) }
      if x == y { return (x, 0.5, 0.5) }
      return (V(V.Primal.nan), V(V.Primal.nan), V(V.Primal.nan))
    case .xlogy:
      // Where log y is ±∞ or NaN (y ≤ 0 or y = ∞), x = 0 gives 0 and nothing moves it: both
      // partials 0 (PyTorch's backward gives ∂/∂y = 0/0 = NaN at y = 0). Elsewhere x = 0 needs
      // no case: 0·log y = 0, with ∂/∂x = log y, the limit (as PyTorch's forward mode).
      let logY = V.log(y)
      if x == 0, !y.primal.isNaN, !logY.primal.isFinite { return (0, 0, 0) }
      return (x * logY, logY, x / y)
    }
  }

  /// What the package knows of the primitive besides its formula: its name in the expression
  /// language, PyTorch's name for its backward node, where it is checked, where it has kinks.
  public var entry: Entry {
    switch self {
    case .add: return Entry(nil, "AddBackward0", BinaryDomain(x: -5...5, y: -5...5, isLinear: true), symbol: "+")
    case .subtract: return Entry(nil, "SubBackward0", BinaryDomain(x: -5...5, y: -5...5, isLinear: true), symbol: "-")
    case .multiply: return Entry(nil, "MulBackward0", BinaryDomain(x: -5...5, y: -5...5, isLinear: true), symbol: "*")
    case .divide: return Entry(nil, "DivBackward0", BinaryDomain(x: -5...5, y: 0.5...5), symbol: "/")
    // PyTorch names `x ** tensor` PowBackward1; `x ** scalar` is the node of UnaryPrimitive.power.
    case .pow: return Entry("pow", "PowBackward1", BinaryDomain(x: 0.1...5, y: -3...3), symbol: "^")
    case .atan2: return Entry("atan2", "Atan2Backward0", BinaryDomain(x: -5...5, y: -5...5, kinks: [.origin, .branchCut]))
    case .hypot: return Entry("hypot", "HypotBackward0", BinaryDomain(x: -5...5, y: -5...5, kinks: [.origin]))
    case .minimum: return Entry("min", "MinimumBackward0", BinaryDomain(x: -5...5, y: -5...5, kinks: [.diagonal], isLinear: true))
    case .maximum: return Entry("max", "MaximumBackward0", BinaryDomain(x: -5...5, y: -5...5, kinks: [.diagonal], isLinear: true))
    case .xlogy: return Entry("xlogy", "XlogyBackward0", BinaryDomain(x: -5...5, y: 0.1...10))
    }
  }

  /// A primitive's names and domain: one row of the registry.
  public typealias Entry = RuleEntry<BinaryDomain>

  /// The primitive's name in the expression language, if it is called by name there.
  public var functionName: String? { entry.functionName }
  /// Where the primitive is checked and where it has kinks.
  public var domain: BinaryDomain { entry.domain }

  /// xʸ with PyTorch's conventions: ∂/∂x = 0 when y = 0, ∂/∂y = 0 when x = 0 and y ≥ 0,
  /// and negative bases allowed at integer exponents. An integer exponent outside
  /// `Int.min + 1 ... Int.max` is even (a Double that large is a multiple of 2¹¹), so there
  /// xʸ = (−x)ʸ and ∂/∂x = −y·(−x)ʸ⁻¹: (−2)^(−2⁶³) = 0, as IEEE's pow.
  @inlinable @inline(__always)
  static func power<V: ADScalar>(_ x: V, _ y: V) -> (value: V, dx: V, dy: V) {
    let exponent = y.primal
    if x < 0 {
      let nan = V(V.Primal.nan)
      guard exponent == exponent.rounded() else { return (nan, nan, nan) }
      guard let n = Int(exactly: exponent), n != .min else {
        return (V.pow(-x, y), -y * V.pow(-x, y - 1), nan)
      }
      let value = V.pow(x, n)
      return (value, n == 0 ? 0 : y * V.pow(x, n - 1), nan)
    }
    let value = V.pow(x, y)
    let dx: V = exponent == 0 ? 0 : y * V.pow(x, y - 1)
    let dy: V = x == 0 ? (exponent >= 0 ? 0 : V(V.Primal.nan)) : value * V.log(x)
    return (value, dx, dy)
  }
}
