import DualAD

// Calls the scalar type's own function for each primitive. For `Dual` and `Variable` these
// functions are one application of the rule table, so the derivative comes from there.

extension UnaryPrimitive {
  /// f(x) through `T`'s static function for this primitive.
  func apply<T: ADScalar>(_ x: T) -> T {
    switch self {
    case .negate: return -x
    case .exp: return T.exp(x)
    case .expm1: return T.expMinusOne(x)
    case .exp2: return T.exp2(x)
    case .exp10: return T.exp10(x)
    case .log: return T.log(x)
    case .log1p: return T.log(onePlus: x)
    case .log2: return T.log2(x)
    case .log10: return T.log10(x)
    case .sqrt: return T.sqrt(x)
    case .cbrt: return T.cbrt(x)
    case .power(let n): return T.pow(x, n)
    case .root(let n): return T.root(x, n)
    case .sin: return T.sin(x)
    case .cos: return T.cos(x)
    case .tan: return T.tan(x)
    case .asin: return T.asin(x)
    case .acos: return T.acos(x)
    case .atan: return T.atan(x)
    case .sinh: return T.sinh(x)
    case .cosh: return T.cosh(x)
    case .tanh: return T.tanh(x)
    case .asinh: return T.asinh(x)
    case .acosh: return T.acosh(x)
    case .atanh: return T.atanh(x)
    case .erf: return T.erf(x)
    case .erfc: return T.erfc(x)
    case .gamma: return T.gamma(x)
    case .logGamma: return T.logGamma(x)
    case .polygamma(let n): return T.polygamma(n, x)
    case .abs: return T.abs(x)
    case .sigmoid: return T.sigmoid(x)
    case .softplus: return T.softplus(x)
    case .relu: return T.relu(x)
    }
  }
}

extension BinaryPrimitive {
  /// f(x, y) through `T`'s static function for this primitive; for atan2, x is the y coordinate.
  func apply<T: ADScalar>(_ x: T, _ y: T) -> T {
    switch self {
    case .add: return x + y
    case .subtract: return x - y
    case .multiply: return x * y
    case .divide: return x / y
    case .pow:
      // Swift Numerics' Double.pow is NaN at every negative base; the rule table's xʸ is defined
      // there at integer y (the exponents past 2²⁰ that stay xʸ), as in the other modes.
      if T.self == T.Primal.self, x < 0 { return BinaryPrimitive.pow.evaluate(x, y).value }
      return T.pow(x, y)
    case .atan2: return T.atan2(y: x, x: y)
    case .hypot: return T.hypot(x, y)
    case .minimum: return T.minimum(x, y)
    case .maximum: return T.maximum(x, y)
    }
  }
}
