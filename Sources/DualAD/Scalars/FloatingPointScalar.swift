import RealModule

// The plain floating-point types: they evaluate a generic function without derivatives.
// Each formulation below is the careful one, because Dual and Variable take their values from it.
extension ADScalar where Self: Real & BinaryFloatingPoint, Primal == Self {
  @inlinable public var primal: Self { self }

  @inlinable public var isIdenticallyZero: Bool { self == 0 }

  @inlinable public static func cbrt(_ x: Self) -> Self { root(x, 3) }

  @inlinable public static func abs(_ x: Self) -> Self { x.magnitude }

  @inlinable
  public static func sigmoid(_ x: Self) -> Self {
    // Only ever exponentiate a non-positive number, so nothing overflows.
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }

  @inlinable
  public static func softplus(_ x: Self) -> Self {
    // log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): no overflow at x = 800, no loss of digits at x = −40.
    Swift.max(x, 0) + log(onePlus: exp(-x.magnitude))
  }

  @inlinable public static func relu(_ x: Self) -> Self { x > 0 ? x : 0 }

  @inlinable
  public static func polygamma(_ n: Int, _ x: Self) -> Self {
    Self(Polygamma.evaluate(order: n, at: Double(x)))
  }
}

extension Double: ADScalar {}
extension Float: ADScalar {}
