import RealModule

/// The rule table for functions of one argument: each primitive's value and local partial, written once.
///
/// Every mode differentiates through this table. Forward mode multiplies the partial by the
/// tangent (ẏ = f′(x)·ẋ); reverse mode stores it on the tape and the sweep accumulates
/// x̄ += f′(x)·ȳ; tensor operations apply it element by element. The partial reuses the
/// primal result where it can (exp: y; tanh: 1 − y²).
///
/// The rules are generic over ``ADScalar``, so the partial of a nested ``Dual`` is itself
/// differentiated: that is how second derivatives come out of the same table.
public enum UnaryPrimitive: Hashable, Sendable {
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
    }
  }
}
