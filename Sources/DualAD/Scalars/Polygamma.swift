import RealModule

/// The polygamma functions ψ⁽ⁿ⁾, needed as the derivatives of `gamma`, `logGamma` and of each other.
///
/// Defined for the orders 0 ≤ n ≤ ``maximumOrder``; other orders give NaN (PyTorch refuses a
/// negative n). Beyond 100, n!/xⁿ⁺¹ leaves Double's range for most x, and the series below
/// needs (n + 15)!, which overflows from n = 156 on; a huge n would also take n steps.
///
/// Evaluated in Double by recurrence up to x ≥ 20 + n, then the asymptotic series
/// ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ [ (n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σₖ B₂ₖ (2k+n−1)!/((2k)! x²ᵏ⁺ⁿ) ],
/// and ψ(x) ~ log x − 1/(2x) − Σₖ B₂ₖ/(2k x²ᵏ) for n = 0. Negative x uses the reflection
/// formula for n ≤ 1 (ψ(1−x) − ψ(x) = π cot πx; ψ′(1−x) + ψ′(x) = π²/sin²πx).
@usableFromInline
enum Polygamma {
  /// B₂ₖ for k = 1…8.
  static let bernoulli: [Double] = [
    1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510,
  ]

  /// The largest order evaluated.
  @usableFromInline static let maximumOrder = 100
  /// The orders evaluated, 0 … ``maximumOrder``.
  @usableFromInline static let orders = 0...maximumOrder

  @usableFromInline
  static func evaluate(order n: Int, at x: Double) -> Double {
    guard orders.contains(n), !x.isNaN else { return .nan }
    if x == -.infinity { return .nan }
    if x == .infinity { return n == 0 ? .infinity : 0 }
    if x <= 0, x == x.rounded() { return n % 2 == 0 && n > 0 ? .infinity : .nan }
    if x < 0 {
      switch n {
      case 0:
        return evaluate(order: 0, at: 1 - x) - Double.pi / tanPi(x)
      case 1:
        let s = sinPi(x)
        return Double.pi * Double.pi / (s * s) - evaluate(order: 1, at: 1 - x)
      default:
        // Shift upwards; bounded so that a huge negative argument cannot hang.
        guard x > -1e6 else { return .nan }
      }
    }
    var x = x
    var shifted = 0.0
    let sign: Double = n % 2 == 1 ? 1 : -1  // (−1)ⁿ⁺¹
    let nFactorial = factorial(n)
    // The series needs x large beside n: from x = 20 alone, ψ⁽¹⁰⁰⁾(25) is off by 4·10⁻⁴.
    let start = 20 + Double(n)
    while x < start {
      // ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) + (−1)ⁿ⁺¹ n!/xⁿ⁺¹ (for n = 0: ψ(x) = ψ(x+1) − 1/x)
      shifted += sign * nFactorial / pow(x, n + 1)
      x += 1
    }
    if n == 0 {
      var series = Double.log(x) - 0.5 / x
      let x2 = 1 / (x * x)
      var xp = x2
      for (k, b) in bernoulli.enumerated() {
        series -= b / Double(2 * (k + 1)) * xp
        xp *= x2
      }
      return series + shifted
    }
    var series = factorial(n - 1) / pow(x, n) + nFactorial / (2 * pow(x, n + 1))
    for (k, b) in bernoulli.enumerated() {
      let twoK = 2 * (k + 1)
      series += b * factorial(twoK + n - 1) / (factorial(twoK) * pow(x, twoK + n))
    }
    return sign * series + shifted
  }

  static func factorial(_ n: Int) -> Double {
    n < 2 ? 1 : (2...n).reduce(1.0) { $0 * Double($1) }
  }

  static func pow(_ x: Double, _ n: Int) -> Double { Double.pow(x, n) }

  static func sinPi(_ x: Double) -> Double {
    let r = x - 2 * (x / 2).rounded()  // exact reduction to [−1, 1]
    return Double.sin(Double.pi * r)
  }

  static func tanPi(_ x: Double) -> Double {
    let r = x - x.rounded()  // tan has period 1
    return Double.tan(Double.pi * r)
  }
}
