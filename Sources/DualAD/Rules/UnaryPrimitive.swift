import RealModule

/// The rule table for functions of one argument: each primitive's value and local partial, written once,
/// and beside them (``entry``) its names and domain.
///
/// Every mode differentiates through this table. Forward mode multiplies the partial by the
/// tangent (ẏ = f′(x)·ẋ); reverse mode stores it on the tape and the sweep accumulates
/// x̄ += f′(x)·ȳ; tensor operations apply it element by element. The partial reuses the
/// primal result where it can (exp: y; tanh: 1 − y²).
///
/// The rules are generic over ``ADScalar``, so the partial of a nested ``Dual`` is itself
/// differentiated: that is how second derivatives come out of the same table.
///
/// Adding a primitive is one edit here: a case, its line in ``evaluate(_:)``, its line in
/// ``entry``, and, for a case with a parameter, representative instances in ``allCases``.
/// Forward and reverse mode, tensors (`x.applying(.logit)`), the expression language, the
/// gradient checker's sweep, the verification report and PyTorch's node names follow.
public enum UnaryPrimitive: Hashable, Sendable, CaseIterable {
  case negate
  case exp, expm1, exp2, exp10
  case log, log1p, log2, log10
  case sqrt, cbrt
  /// xⁿ for an integer n; defined for negative x. Every n is defined, `Int.min` too:
  /// 2^`Int.min` = 0, as IEEE's pow(2, −2⁶³).
  case power(Int)
  /// ⁿ√x = x^(1/n) for an integer n; defined for negative x when n is odd. ⁰√x is NaN, with a
  /// NaN partial (x^(1/0) has no value).
  case root(Int)
  case sin, cos, tan, asin, acos, atan
  case sinh, cosh, tanh, asinh, acosh, atanh
  case erf, erfc
  case gamma, logGamma
  /// ψ⁽ⁿ⁾(x), with ψ⁽⁰⁾ the digamma function. Defined for 0 ≤ n ≤ `Polygamma.maximumOrder`
  /// (100); other orders give NaN, with a NaN partial.
  case polygamma(Int)
  case abs, sigmoid, softplus, relu
  /// log σ(x) = −softplus(−x): −800 at x = −800, with derivative σ(−x) = 1 there.
  case logSigmoid
  /// logit(x) = log(x / (1 − x)), the inverse of σ, for 0 ≤ x ≤ 1; derivative 1/(x(1 − x)).
  case logit

  /// Every primitive, with representative instances of those that take an integer.
  public static let allCases: [UnaryPrimitive] = [
    .negate, .exp, .expm1, .exp2, .exp10, .log, .log1p, .log2, .log10, .sqrt, .cbrt,
    .power(3), .power(-2), .power(0), .root(3), .root(4),
    .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .asinh, .acosh, .atanh,
    .erf, .erfc, .gamma, .logGamma, .polygamma(0), .polygamma(1), .polygamma(2),
    .abs, .sigmoid, .softplus, .relu, .logSigmoid, .logit,
  ]

  /// The value f(x) and the local partial f′(x).
  @inlinable @inline(__always)
  public func evaluate<V: ADScalar>(_ x: V) -> (value: V, partial: V) {
    switch self {
    case .negate: return (-x, -1)
    case .exp:
      let y = V.exp(x)
      return (y, y)
    case .expm1:
      let y = V.expMinusOne(x)
      return (y, y + 1)
    case .exp2:
      let y = V.exp2(x)
      return (y, y * V.constant(0.693_147_180_559_945_3))  // ln 2
    case .exp10:
      let y = V.exp10(x)
      return (y, y * V.constant(2.302_585_092_994_046))  // ln 10
    case .log: return (V.log(x), 1 / x)
    case .log1p: return (V.log(onePlus: x), 1 / (1 + x))
    case .log2: return (V.log2(x), 1 / (x * V.constant(0.693_147_180_559_945_3)))
    case .log10: return (V.log10(x), 1 / (x * V.constant(2.302_585_092_994_046)))
    case .sqrt:
      let y = V.sqrt(x)
      return (y, 1 / (2 * y))
    case .cbrt:
      let y = V.cbrt(x)
      return (y, 1 / (3 * y * y))
    case .power(let n):
      // n·xⁿ⁻¹, with the n = 0 partial 0 even at x = 0 (as PyTorch). n − 1 does not exist for
      // Int.min: xⁿ⁻¹ = xⁿ/x there.
      if n == 0 { return (1, 0) }
      let y = V.pow(x, n)
      return (y, V(V.Primal(n)) * (n == .min ? y / x : V.pow(x, n - 1)))
    case .root(let n):
      // (x^(1/n))′ = 1/(n·yⁿ⁻¹) = y/(n·x); the second form where n − 1 does not exist.
      if n == 0 { return (V(V.Primal.nan), V(V.Primal.nan)) }
      let y = V.root(x, n)
      return (y, n == .min ? y / (V(V.Primal(n)) * x) : 1 / (V(V.Primal(n)) * V.pow(y, n - 1)))
    case .sin: return (V.sin(x), V.cos(x))
    case .cos: return (V.cos(x), -V.sin(x))
    case .tan:
      let y = V.tan(x)
      return (y, 1 + y * y)
    case .asin: return (V.asin(x), 1 / V.sqrt((1 - x) * (1 + x)))
    case .acos: return (V.acos(x), -1 / V.sqrt((1 - x) * (1 + x)))
    case .atan: return (V.atan(x), 1 / (1 + x * x))
    case .sinh: return (V.sinh(x), V.cosh(x))
    case .cosh: return (V.cosh(x), V.sinh(x))
    case .tanh:
      let y = V.tanh(x)
      return (y, 1 - y * y)
    case .asinh: return (V.asinh(x), 1 / V.hypot(x, 1))  // 1/√(x²+1) without overflow
    case .acosh: return (V.acosh(x), 1 / (V.sqrt(x - 1) * V.sqrt(x + 1)))
    case .atanh: return (V.atanh(x), 1 / ((1 - x) * (1 + x)))
    case .erf: return (V.erf(x), V.constant(1.128_379_167_095_512_6) * V.exp(-x * x))  // 2/√π
    case .erfc: return (V.erfc(x), V.constant(-1.128_379_167_095_512_6) * V.exp(-x * x))
    case .gamma:
      let y = V.gamma(x)
      return (y, y * V.polygamma(0, x))
    case .logGamma: return (V.logGamma(x), V.polygamma(0, x))
    case .polygamma(let n):
      // n + 1 stays in range: orders past the maximum are NaN, and so is their partial.
      guard Polygamma.orders.contains(n) else { return (V(V.Primal.nan), V(V.Primal.nan)) }
      return (V.polygamma(n, x), V.polygamma(n + 1, x))
    case .abs:
      // sign(x), with |·|′(0) = 0.
      return (V.abs(x), x > 0 ? 1 : (x < 0 ? -1 : 0))
    case .sigmoid:
      // σ′ = σ(x)·(1 − σ(x)) = σ(x)·σ(−x): 1 − σ(x) would round to 0 for x > 37 (σ′(40) ≈ 4.2e-18).
      let y = V.sigmoid(x)
      return (y, y * V.sigmoid(-x))
    case .softplus: return (V.softplus(x), V.sigmoid(x))
    case .relu: return (V.relu(x), x > 0 ? 1 : 0)
    case .logSigmoid: return (-V.softplus(-x), V.sigmoid(-x))
    case .logit:
      // log x − log1p(−x) near the ends; 2·atanh(2x − 1) in the middle, where the two logs
      // cancel (2x − 1 is exact there). Outside [0, 1] the value is NaN, and so is the partial.
      let value = x < 0.25 || x > 0.75 ? V.log(x) - V.log(onePlus: -x) : 2 * V.atanh(2 * x - 1)
      return (value, x < 0 || x > 1 ? V(V.Primal.nan) : 1 / (x * (1 - x)))
    }
  }

  /// What the package knows of the primitive besides its formula: its name in the expression
  /// language, PyTorch's name for its backward node, where it is checked, where it has kinks.
  public var entry: Entry {
    switch self {
    case .negate: return Entry(nil, "NegBackward0", UnaryDomain(checked: -5...5, isLinear: true), symbol: "-")
    case .exp: return Entry("exp", "ExpBackward0", UnaryDomain(checked: -10...10))
    case .expm1: return Entry("expm1", "Expm1Backward0", UnaryDomain(checked: -5...5))
    case .exp2: return Entry("exp2", "Exp2Backward0", UnaryDomain(checked: -10...10))
    case .exp10: return Entry("exp10", "Exp10Backward0", UnaryDomain(checked: -4...4))
    case .log: return Entry("log", "LogBackward0", UnaryDomain(checked: 0.01...100))
    case .log1p: return Entry("log1p", "Log1PBackward0", UnaryDomain(checked: -0.9...10))
    case .log2: return Entry("log2", "Log2Backward0", UnaryDomain(checked: 0.01...100))
    case .log10: return Entry("log10", "Log10Backward0", UnaryDomain(checked: 0.01...100))
    case .sqrt: return Entry("sqrt", "SqrtBackward0", UnaryDomain(checked: 0.01...100))
    case .cbrt: return Entry("cbrt", "CbrtBackward0", UnaryDomain(checked: -10...10, kinks: [0]))
    case .power(let n):
      // xⁿ with n < 0 has a pole at 0: checked on the positive side.
      return Entry(nil, "PowBackward0", UnaryDomain(checked: n < 0 ? 0.2...5 : -3...3), symbol: "^\(n)")
    case .root(let n):
      let domain = n == 0 ? UnaryDomain.nowhere : UnaryDomain(checked: n % 2 == 0 ? 0.01...50 : -10...10, kinks: n % 2 == 0 ? [] : [0])
      return Entry(nil, "RootBackward0", domain)
    case .sin: return Entry("sin", "SinBackward0", UnaryDomain(checked: -6...6))
    case .cos: return Entry("cos", "CosBackward0", UnaryDomain(checked: -6...6))
    case .tan: return Entry("tan", "TanBackward0", UnaryDomain(checked: -1.4...1.4))
    case .asin: return Entry("asin", "AsinBackward0", UnaryDomain(checked: -0.95...0.95))
    case .acos: return Entry("acos", "AcosBackward0", UnaryDomain(checked: -0.95...0.95))
    case .atan: return Entry("atan", "AtanBackward0", UnaryDomain(checked: -10...10))
    case .sinh: return Entry("sinh", "SinhBackward0", UnaryDomain(checked: -5...5))
    case .cosh: return Entry("cosh", "CoshBackward0", UnaryDomain(checked: -5...5))
    case .tanh: return Entry("tanh", "TanhBackward0", UnaryDomain(checked: -4...4))
    case .asinh: return Entry("asinh", "AsinhBackward0", UnaryDomain(checked: -10...10))
    case .acosh: return Entry("acosh", "AcoshBackward0", UnaryDomain(checked: 1.05...10))
    case .atanh: return Entry("atanh", "AtanhBackward0", UnaryDomain(checked: -0.95...0.95))
    case .erf: return Entry("erf", "ErfBackward0", UnaryDomain(checked: -3...3))
    case .erfc: return Entry("erfc", "ErfcBackward0", UnaryDomain(checked: -3...3))
    case .gamma: return Entry("gamma", "GammaBackward0", UnaryDomain(checked: 0.3...6))
    case .logGamma: return Entry("lgamma", "LgammaBackward0", UnaryDomain(checked: 0.3...20))
    case .polygamma(let n):
      // ψ⁽ⁿ⁾(x) grows like n!/xⁿ⁺¹ near 0: higher orders are checked further out, finite in Float.
      let domain: UnaryDomain
      switch n {
      case 0, 1: domain = UnaryDomain(checked: 0.3...20)
      case 2: domain = UnaryDomain(checked: 0.5...10)
      case Polygamma.orders: domain = UnaryDomain(checked: Double(n)...Double(n + 10))
      default: domain = .nowhere
      }
      return Entry(n == 0 ? "digamma" : nil, "PolygammaBackward0", domain)
    case .abs: return Entry("abs", "AbsBackward0", UnaryDomain(checked: -5...5, kinks: [0]))
    case .sigmoid: return Entry("sigmoid", "SigmoidBackward0", UnaryDomain(checked: -20...20))
    case .softplus: return Entry("softplus", "SoftplusBackward0", UnaryDomain(checked: -20...20))
    case .relu: return Entry("relu", "ReluBackward0", UnaryDomain(checked: -5...5, kinks: [0]))
    case .logSigmoid: return Entry("logsigmoid", "LogSigmoidBackward0", UnaryDomain(checked: -20...20))
    case .logit: return Entry("logit", "LogitBackward0", UnaryDomain(checked: 0.05...0.95))
    }
  }

  /// A primitive's names and domain: one row of the registry.
  public typealias Entry = RuleEntry<UnaryDomain>

  /// PyTorch's name for the node of a tensor made by this primitive, as `gradFn.name` prints it.
  public var backwardName: String { entry.backwardName }
  /// The primitive's name in the expression language, if it is called by name there.
  public var functionName: String? { entry.functionName }
  /// Where the primitive is checked and where it has kinks.
  public var domain: UnaryDomain { entry.domain }
}
