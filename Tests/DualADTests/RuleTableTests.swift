import Foundation
import Testing
@testable import DualAD

/// Each rule's partial against a closed form written here, independently of the rule table,
/// at several points inside its domain, in forward and in reverse mode.
struct UnaryRuleCase: CustomTestStringConvertible, Sendable {
  let primitive: UnaryPrimitive
  let points: [Double]
  let value: @Sendable (Double) -> Double
  let derivative: @Sendable (Double) -> Double
  var testDescription: String { "\(primitive)" }
}

let unaryRuleCases: [UnaryRuleCase] = [
  .init(primitive: .negate, points: [-2, 0, 3.5], value: { -$0 }, derivative: { _ in -1 }),
  .init(primitive: .exp, points: [-3, 0, 0.5, 4], value: { Foundation.exp($0) }, derivative: { Foundation.exp($0) }),
  .init(primitive: .expm1, points: [-2, 1e-9, 0.3, 3], value: { Foundation.expm1($0) }, derivative: { Foundation.exp($0) }),
  .init(primitive: .exp2, points: [-2, 0, 1.5], value: { Foundation.exp2($0) }, derivative: { Foundation.exp2($0) * M_LN2 }),
  .init(primitive: .exp10, points: [-1, 0, 0.5], value: { Foundation.pow(10, $0) }, derivative: { Foundation.pow(10, $0) * M_LN10 }),
  .init(primitive: .log, points: [0.1, 1, 7], value: { Foundation.log($0) }, derivative: { 1 / $0 }),
  .init(primitive: .log1p, points: [-0.5, 1e-10, 3], value: { Foundation.log1p($0) }, derivative: { 1 / (1 + $0) }),
  .init(primitive: .log2, points: [0.25, 1, 10], value: { Foundation.log2($0) }, derivative: { 1 / ($0 * M_LN2) }),
  .init(primitive: .log10, points: [0.5, 1, 100], value: { Foundation.log10($0) }, derivative: { 1 / ($0 * M_LN10) }),
  .init(primitive: .sqrt, points: [0.01, 1, 9], value: { Foundation.sqrt($0) }, derivative: { 0.5 / Foundation.sqrt($0) }),
  .init(primitive: .cbrt, points: [-8, 0.5, 27], value: { Foundation.cbrt($0) }, derivative: { 1 / (3 * Foundation.pow(Foundation.cbrt($0), 2)) }),
  .init(primitive: .power(3), points: [-2, 0, 1.5], value: { $0 * $0 * $0 }, derivative: { 3 * $0 * $0 }),
  .init(primitive: .power(-2), points: [-2, 0.5, 3], value: { 1 / ($0 * $0) }, derivative: { -2 / ($0 * $0 * $0) }),
  .init(primitive: .power(0), points: [-2, 0, 3], value: { _ in 1 }, derivative: { _ in 0 }),
  .init(primitive: .root(3), points: [-8, 1, 27], value: { Foundation.cbrt($0) }, derivative: { 1 / (3 * Foundation.pow(Foundation.cbrt($0), 2)) }),
  .init(primitive: .root(4), points: [1, 16], value: { Foundation.pow($0, 0.25) }, derivative: { 0.25 * Foundation.pow($0, -0.75) }),
  .init(primitive: .sin, points: [-1, 0, 2], value: { Foundation.sin($0) }, derivative: { Foundation.cos($0) }),
  .init(primitive: .cos, points: [-1, 0, 2], value: { Foundation.cos($0) }, derivative: { -Foundation.sin($0) }),
  .init(primitive: .tan, points: [-1, 0, 1.2], value: { Foundation.tan($0) }, derivative: { 1 / Foundation.pow(Foundation.cos($0), 2) }),
  .init(primitive: .asin, points: [-0.9, 0, 0.5], value: { Foundation.asin($0) }, derivative: { 1 / Foundation.sqrt(1 - $0 * $0) }),
  .init(primitive: .acos, points: [-0.9, 0, 0.5], value: { Foundation.acos($0) }, derivative: { -1 / Foundation.sqrt(1 - $0 * $0) }),
  .init(primitive: .atan, points: [-3, 0, 0.5], value: { Foundation.atan($0) }, derivative: { 1 / (1 + $0 * $0) }),
  .init(primitive: .sinh, points: [-2, 0, 1], value: { Foundation.sinh($0) }, derivative: { Foundation.cosh($0) }),
  .init(primitive: .cosh, points: [-2, 0, 1], value: { Foundation.cosh($0) }, derivative: { Foundation.sinh($0) }),
  .init(primitive: .tanh, points: [-2, 0, 1], value: { Foundation.tanh($0) }, derivative: { 1 / Foundation.pow(Foundation.cosh($0), 2) }),
  .init(primitive: .asinh, points: [-2, 0, 1e3], value: { Foundation.asinh($0) }, derivative: { 1 / Foundation.sqrt($0 * $0 + 1) }),
  .init(primitive: .acosh, points: [1.5, 3, 100], value: { Foundation.acosh($0) }, derivative: { 1 / Foundation.sqrt($0 * $0 - 1) }),
  .init(primitive: .atanh, points: [-0.9, 0, 0.5], value: { Foundation.atanh($0) }, derivative: { 1 / (1 - $0 * $0) }),
  .init(primitive: .erf, points: [-1.5, 0, 0.7], value: { Foundation.erf($0) }, derivative: { 2 / Foundation.sqrt(Double.pi) * Foundation.exp(-$0 * $0) }),
  .init(primitive: .erfc, points: [-1.5, 0, 0.7], value: { Foundation.erfc($0) }, derivative: { -2 / Foundation.sqrt(Double.pi) * Foundation.exp(-$0 * $0) }),
  // Γ′(x) = Γ(x)ψ(x); ψ(1) = −γ, ψ(2) = 1 − γ, ψ(1/2) = −γ − 2 ln 2.
  .init(primitive: .gamma, points: [1, 2, 0.5], value: { Foundation.tgamma($0) },
        derivative: { x in Foundation.tgamma(x) * [1: -eulerGamma, 2: 1 - eulerGamma, 0.5: -eulerGamma - 2 * M_LN2][x]! }),
  .init(primitive: .logGamma, points: [1, 2, 0.5], value: { Foundation.lgamma($0) },
        derivative: { x in [1: -eulerGamma, 2: 1 - eulerGamma, 0.5: -eulerGamma - 2 * M_LN2][x]! }),
  // ψ′(1) = π²/6, ψ′(1/2) = π²/2; ψ″(1) = −2ζ(3).
  .init(primitive: .polygamma(0), points: [1, 0.5], value: { x in [1: -eulerGamma, 0.5: -eulerGamma - 2 * M_LN2][x]! },
        derivative: { x in [1: Double.pi * Double.pi / 6, 0.5: Double.pi * Double.pi / 2][x]! }),
  .init(primitive: .polygamma(1), points: [1], value: { _ in Double.pi * Double.pi / 6 }, derivative: { _ in -2 * 1.202_056_903_159_594_2 }),
  .init(primitive: .abs, points: [-2, 3], value: { Swift.abs($0) }, derivative: { $0 > 0 ? 1 : -1 }),
  .init(primitive: .sigmoid, points: [-3, 0, 2], value: { 1 / (1 + Foundation.exp(-$0)) },
        derivative: { Foundation.exp(-$0) / Foundation.pow(1 + Foundation.exp(-$0), 2) }),
  .init(primitive: .softplus, points: [-3, 0, 2], value: { Foundation.log(1 + Foundation.exp($0)) }, derivative: { 1 / (1 + Foundation.exp(-$0)) }),
  .init(primitive: .relu, points: [-3, 2], value: { Swift.max($0, 0) }, derivative: { $0 > 0 ? 1 : 0 }),
  // ψ″(1) = −2ζ(3), ψ‴(1) = 6ζ(4) = π⁴/15.
  .init(primitive: .polygamma(2), points: [1], value: { _ in -2 * 1.202_056_903_159_594_2 },
        derivative: { _ in Foundation.pow(Double.pi, 4) / 15 }),
  .init(primitive: .logSigmoid, points: [-3, 0, 2], value: { -Foundation.log(1 + Foundation.exp(-$0)) },
        derivative: { 1 / (1 + Foundation.exp($0)) }),
  .init(primitive: .logit, points: [0.1, 0.5, 0.8], value: { Foundation.log($0 / (1 - $0)) }, derivative: { 1 / ($0 * (1 - $0)) }),
]

let eulerGamma = 0.577_215_664_901_532_9

/// A rule's value and partial as an array, to compare with `==`.
func pair(_ result: (value: Double, partial: Double)) -> [Double] { [result.value, result.partial] }

/// Close to within `ulps` units in the last place of the larger magnitude (or `absolute` near 0).
func isClose(_ a: Double, _ b: Double, ulps: Double = 8, absolute: Double = 1e-300) -> Bool {
  if a == b { return true }
  guard a.isFinite, b.isFinite else { return false }
  return Swift.abs(a - b) <= Swift.max(ulps * Swift.max(Swift.abs(a), Swift.abs(b)).ulp, absolute)
}

@Suite("Rule table")
struct RuleTableTests {
  @Test("Unary rule: value and partial match the closed form, forward and reverse", arguments: unaryRuleCases)
  func unaryRule(_ rule: UnaryRuleCase) throws {
    for x in rule.points {
      let (value, partial) = rule.primitive.evaluate(x)
      #expect(isClose(value, rule.value(x), ulps: 16), "\(rule.primitive) value at \(x): \(value) vs \(rule.value(x))")
      #expect(isClose(partial, rule.derivative(x), ulps: 64), "\(rule.primitive)′(\(x)): \(partial) vs \(rule.derivative(x))")
      let forward = try derivative(at: x) { Dual.applying(rule.primitive, to: $0) }
      let reverse = try gradient(at: [x]) { Variable.applying(rule.primitive, to: $0[0]) }
      #expect(isClose(forward, rule.derivative(x), ulps: 64), "forward \(rule.primitive)′(\(x)) = \(forward)")
      #expect(isClose(reverse[0], rule.derivative(x), ulps: 64), "reverse \(rule.primitive)′(\(x)) = \(reverse[0])")
    }
  }

  @Test("Every primitive of the table has a closed-form case here")
  func everyPrimitiveHasAClosedForm() {
    let covered = Set(unaryRuleCases.map(\.primitive))
    #expect(UnaryPrimitive.allCases.filter { !covered.contains($0) }.isEmpty)
  }

  @Test("logSigmoid at ±800 and logit near ½, 0 and 1: exact where the closed form is")
  func logSigmoidAndLogitExtremes() throws {
    // log σ(−800) = −800 − log1p(e^−800) = −800 in Double; its derivative σ(800) = 1.
    #expect(pair(UnaryPrimitive.logSigmoid.evaluate(-800.0)) == [-800, 1])
    #expect(try derivative(at: -800.0) { Dual.applying(.logSigmoid, to: $0) } == 1)
    #expect(try gradient(at: [-800.0]) { Variable.applying(.logSigmoid, to: $0[0]) } == [1])
    // log σ(800) = −log1p(e^−800) = −0, derivative σ(−800) = 0.
    #expect(pair(UnaryPrimitive.logSigmoid.evaluate(800.0)) == [0, 0])
    // log σ(−40) = −40 − log1p(e^−40) ≈ −40 − 4.248e−18: the two digits past 40 are lost in
    // Double; σ(40) = 1 − e^−40 rounds to 1.
    #expect(pair(UnaryPrimitive.logSigmoid.evaluate(-40.0)) == [-40, 1])
    // logit(½ + 2⁻³⁰) = 2·atanh(2⁻²⁹) = 2⁻²⁸·(1 + 2⁻⁵⁸/3 + …) = 2⁻²⁸ in Double.
    #expect(UnaryPrimitive.logit.evaluate(0.5 + 0x1p-30).value == 0x1p-28)
    #expect(pair(UnaryPrimitive.logit.evaluate(0.5)) == [0, 4])
    // logit(2⁻⁶⁰) = −60 ln 2 − log1p(−2⁻⁶⁰) = −41.588830833596715 (log1p term below an ulp).
    #expect(isClose(UnaryPrimitive.logit.evaluate(0x1p-60).value, -60 * M_LN2))
    #expect(UnaryPrimitive.logit.evaluate(0.0).value == -.infinity)
    #expect(UnaryPrimitive.logit.evaluate(1.0).value == .infinity)
    let outside = UnaryPrimitive.logit.evaluate(2.0)
    #expect(outside.value.isNaN && outside.partial.isNaN)
  }

  @Test("xlogy: x·log y, 0 at x = 0 unless y is NaN (PyTorch's table), partials log y and x/y")
  func xlogy() throws {
    let rule = BinaryPrimitive.xlogy
    let (value, dx, dy) = rule.evaluate(2.0, 3.0)
    #expect(isClose(value, 2 * Foundation.log(3.0)) && isClose(dx, Foundation.log(3.0)) && isClose(dy, 2.0 / 3))
    // PyTorch's documented cases: xlogy(0, y) = 0 for y = −1, 0, 1, ∞; NaN for y = NaN.
    for y in [-1.0, 0, 1, .infinity] { #expect(rule.evaluate(0.0, y).value == 0, "xlogy(0, \(y))") }
    #expect(rule.evaluate(0.0, Double.nan).value.isNaN)
    #expect(rule.evaluate(1.0, 0.0).value == -.infinity)
    // At x = 0 with y > 0 the function is smooth: ∂/∂x = log y (the limit), ∂/∂y = 0.
    let g = try gradient(at: [0.0, 2.0]) { Variable.applying(.xlogy, $0[0], $0[1]) }
    #expect(g == [Foundation.log(2.0), 0])
    // Where log y is not finite, x = 0 is constant 0: both partials 0, in every mode.
    #expect(try gradient(at: [0.0, 0.0]) { Variable.applying(.xlogy, $0[0], $0[1]) } == [0, 0])
    #expect(try derivative(at: 0.0) { Dual.applying(.xlogy, $0, Dual(-1.0)) } == 0)
    // ∂²/∂x∂y = 1/y from the same line, by forward over the table.
    #expect(isClose(rule.derivative(orders: PartialOrders(x: 1, y: 1), at: 1.5, 4.0), 0.25))
  }

  @Test("The public functions route through the table: exp, sin, sqrt and log1p of a Dual")
  func publicFunctionsUseTheTable() throws {
    #expect(try derivative(at: 0.5) { Dual.exp($0) } == Foundation.exp(0.5))
    #expect(try derivative(at: 0.5) { Dual.sin($0) } == Foundation.cos(0.5))
    #expect(try derivative(at: 4.0) { Dual.sqrt($0) } == 0.25)
    #expect(try derivative(at: 1.0) { Dual.log(onePlus: $0) } == 0.5)
  }

  @Test("Binary rules: ∂/∂x and ∂/∂y against closed forms")
  func binaryRules() throws {
    let (x, y) = (1.5, -0.75)
    let cases: [(BinaryPrimitive, Double, Double, Double)] = [
      (.add, x + y, 1, 1),
      (.subtract, x - y, 1, -1),
      (.multiply, x * y, y, x),
      (.divide, x / y, 1 / y, -x / (y * y)),
      (.atan2, Foundation.atan2(x, y), y / (x * x + y * y), -x / (x * x + y * y)),
      (.hypot, Foundation.hypot(x, y), x / Foundation.hypot(x, y), y / Foundation.hypot(x, y)),
      (.minimum, y, 0, 1),
      (.maximum, x, 1, 0),
    ]
    for (rule, value, dx, dy) in cases {
      let g = try gradient(at: [x, y]) { Variable.applying(rule, $0[0], $0[1]) }
      let fx = try derivative(at: x) { Dual.applying(rule, $0, Dual(y)) }
      let fy = try derivative(at: y) { Dual.applying(rule, Dual(x), $0) }
      #expect(isClose(rule.evaluate(x, y).value, value), "\(rule) value")
      #expect(isClose(g[0], dx) && isClose(fx, dx), "\(rule) ∂/∂x: reverse \(g[0]), forward \(fx), expected \(dx)")
      #expect(isClose(g[1], dy) && isClose(fy, dy), "\(rule) ∂/∂y: reverse \(g[1]), forward \(fy), expected \(dy)")
    }
  }

  @Test("pow: real exponent, integer exponent, negative base with integer exponent")
  func power() throws {
    // d/dx x^2.5 = 2.5 x^1.5; d/dy x^y = x^y ln x.
    let g = try gradient(at: [4.0, 2.5]) { Variable.pow($0[0], $0[1]) }
    #expect(isClose(g[0], 2.5 * 8))
    #expect(isClose(g[1], 32 * Foundation.log(4)))
    // (−2)³ = −8, d/dx = 3·4 = 12, in every mode, with a constant exponent.
    #expect(try derivative(at: -2.0) { Dual.pow($0, Dual(3.0)) } == 12)
    #expect(try derivative(at: -2.0) { Dual.pow($0, 3) } == 12)
    #expect(try gradient(at: [-2.0]) { Variable.pow($0[0], 3.0) } == [12])
    #expect(Dual.pow(Dual(value: -2.0, tangent: 1), Dual(3.0)).value == -8)
    // A negative base with a non-integer exponent is NaN, not a crash.
    #expect(Dual.pow(Dual(value: -2.0, tangent: 1), Dual(0.5)).value.isNaN)
    // PyTorch's conventions at 0: d/dx 0^0 = 0, d/dy 0^y = 0 for y ≥ 0.
    let atZero = try gradient(at: [0.0, 0.0]) { Variable.pow($0[0], $0[1]) }
    #expect(atZero == [0, 0])
  }

  @Test("Extreme inputs stay finite and right")
  func extremeInputs() throws {
    #expect(try derivative(at: 800.0) { Dual.softplus($0) } == 1)
    #expect(Double.softplus(800) == 800)
    #expect(try derivative(at: -800.0) { Dual.softplus($0) } == 0)
    #expect(try derivative(at: -800.0) { Dual.sigmoid($0) } == 0)
    #expect(try derivative(at: 800.0) { Dual.sigmoid($0) } == 0)
    #expect(Double.sigmoid(-800) == 0 && Double.sigmoid(800) == 1)
    // softplus(−40) = log1p(e^−40) ≈ e^−40 to full precision, where log(1 + e^−40) would give 0.
    #expect(isClose(Double.softplus(-40), Foundation.exp(-40.0)))
    // asinh′(1e200) = 1/√(1e400 + 1) ≈ 1e−200 without overflow.
    #expect(isClose(try derivative(at: 1e200) { Dual.asinh($0) }, 1e-200))
    // atan2 partials at 1e200 without overflow: ∂/∂y = x/(x²+y²) = 0.5e−200.
    #expect(isClose(try derivative(at: 1e200) { Dual.atan2(y: $0, x: Dual(1e200)) }, 0.5e-200))
  }

  @Test("Conventions at non-differentiable points follow PyTorch")
  func nonDifferentiablePoints() throws {
    #expect(try derivative(at: 0.0) { Dual.abs($0) } == 0)
    #expect(try derivative(at: 0.0) { $0.magnitude } == 0)
    #expect(try derivative(at: 0.0) { Dual.relu($0) } == 0)
    #expect(try gradient(at: [2.0, 2.0]) { Variable.minimum($0[0], $0[1]) } == [0.5, 0.5])
    #expect(try gradient(at: [2.0, 2.0]) { Variable.maximum($0[0], $0[1]) } == [0.5, 0.5])
    #expect(try gradient(at: [1.0, 2.0]) { Variable.maximum($0[0], $0[1]) } == [0, 1])
  }

  @Test("Float evaluates and differentiates with the same rules")
  func float() throws {
    let g = try gradient(at: [Float(2), Float(3)]) { $0[0] * $0[0] * $0[1] }
    #expect(g == [12, 4])
    #expect(try derivative(at: Float(0)) { Dual<Float>.exp($0) } == 1)
  }
}
