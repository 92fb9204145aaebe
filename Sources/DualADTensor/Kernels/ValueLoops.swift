import DualAD

// Values without partials for the differentiating element types (`Dual`, `DualVector`,
// `Variable`, nested): each element calls the type's own function for the primitive, one
// application of the rule table that carries the derivative itself. `evaluate(_:)` would also
// compute the local partial, and for `Variable` record it on the tape, only to drop it.

extension Loops {
  /// f(xᵢ) for every element, through `T`'s own function.
  static func values<T: ADScalar>(_ rule: UnaryPrimitive, _ x: [T]) -> [T] {
    x.map { rule.apply($0) }
  }

  /// f(aᵢ, bⱼ) over the broadcast layout, through `T`'s own function.
  static func values<T: ADScalar>(_ rule: BinaryPrimitive, _ a: [T], _ b: [T], _ layout: BroadcastLayout) -> [T] {
    var values: [T] = []
    values.reserveCapacity(layout.count)
    let inner = layout.inner, sa = layout.lhsInner, sb = layout.rhsInner
    layout.forEachRow { _, oa, ob in
      for j in 0..<inner { values.append(rule.apply(a[oa + j * sa], b[ob + j * sb])) }
    }
    return values
  }
}

extension UnaryPrimitive {
  /// f(x) through `T`'s static function for this primitive.
  package func apply<T: ADScalar>(_ x: T) -> T {
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
  package func apply<T: ADScalar>(_ x: T, _ y: T) -> T {
    switch self {
    case .add: return x + y
    case .subtract: return x - y
    case .multiply: return x * y
    case .divide: return x / y
    case .pow:
      // `Dual.pow` and `Variable.pow` leave out ∂/∂y for a constant exponent, which is NaN at a
      // negative base; a plain float takes the rule table's xʸ (Swift Numerics' is NaN there).
      if T.self == T.Primal.self { return BinaryPrimitive.pow.evaluate(x, y).value }
      return T.pow(x, y)
    case .atan2: return T.atan2(y: x, x: y)
    case .hypot: return T.hypot(x, y)
    case .minimum: return T.minimum(x, y)
    case .maximum: return T.maximum(x, y)
    }
  }
}
