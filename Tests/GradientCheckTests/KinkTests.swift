import DualAD
import GradientCheck
import Testing

/// f(x) = |x|, relu, max and friends, where GSL's one-sided differences disagree.
private struct Absolute: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.abs($0) } }
}

private struct ShiftedAbsolutePlusSquare: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.abs(x[0] - 1) + x[0] * x[0]] }
}

private struct Maximum: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.maximum(x[0], x[1])] }
}

/// A scalar function of one input given by a closure over Double and its derivative written by hand.
private func check(_ name: String, at x: Double, _ f: @escaping (Double) -> Double, derivative: @escaping (Double) -> Double)
  throws -> GradientCheckReport
{
  try checkGradients(
    name: name, at: [x], value: { [f($0[0])] }, jvp: { x, t in [derivative(x[0]) * t[0]] })
}

/// lgamma(cosh(10ᵗ)): smooth, but computed through cosh ≈ 1 + 2·10⁻⁵, so its values carry
/// round-off of 10⁻¹⁶ while GSL estimates it relative to |f| ≈ 10⁻⁵.
private struct LogGammaOfCosh: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.logGamma(T.cosh(T.exp10(x[0])))] }
}

@Suite("Kinks: one-sided derivatives")
struct KinkTests {
  @Test("A jump of a thousandth of the slope or more is a kink: 1000x + |x| at 0 has sides 999 and 1001")
  func smallRelativeJump() throws {
    let report = try checkGradients(
      name: "1000x + |x|", at: [0], value: { [1000 * $0[0] + Swift.abs($0[0])] }, jvp: { _, t in [1000 * t[0]] })
    let sides = try #require(report.entries.first?.oneSided)
    #expect(Swift.abs(sides.left - 999) < 1e-6 && Swift.abs(sides.right - 1001) < 1e-6)
    #expect(report.entries.first?.verdict == .kink, "\(report)")
  }

  @Test("Round-off in large intermediates is no kink: lgamma(cosh(10ᵗ)) at t = −2.16")
  func roundOffIsNoKink() throws {
    let report = try checkGradients(of: LogGammaOfCosh(), at: [-2.16])
    #expect(report.kinks.isEmpty, "\(report)")
    #expect(report.verdict == .passed, "\(report)")
  }

  @Test("|x| at 0: one-sided −1 and +1, AD's 0 is a subgradient")
  func absoluteValueAtZero() throws {
    let report = try checkGradients(of: Absolute(), at: [0.0])
    let entry = try #require(report.entries.first)
    #expect(entry.verdict == .kink, "\(report)")
    let sides = try #require(entry.oneSided)
    // |x|′ is −1 left of 0 and +1 right of it; GSL's rules are exact on a line, to round-off.
    #expect(Swift.abs(sides.left + 1) < 1e-10)
    #expect(Swift.abs(sides.right - 1) < 1e-10)
    #expect(entry.forward == 0 && entry.reverse == 0)
    #expect(report.verdict == .passed, "\(report)")
    #expect(report.description.contains("kink at out 0, in 0: one-sided derivatives -1 (left), 1 (right); AD 0: between them"))
  }

  @Test("A value outside the one-sided interval is a mismatch: |x| with derivative 2 at 0")
  func outsideTheInterval() throws {
    let report = try check("|x| with a wrong kink", at: 0, { Swift.abs($0) }, derivative: { $0 >= 0 ? 2 : -1 })
    let entry = try #require(report.entries.first)
    #expect(entry.verdict == .mismatch, "\(report)")
    // 2 lies 1 beyond the right side's +1.
    #expect(Swift.abs(entry.absoluteError - 1) < 1e-9)
    #expect(report.verdict == .failed)
  }

  @Test("|x − 1| + x² at 1: sides 2 − 1 = 1 and 2 + 1 = 3")
  func shiftedKink() throws {
    let report = try checkGradients(of: ShiftedAbsolutePlusSquare(), at: [1.0])
    let entry = try #require(report.entries.first)
    let sides = try #require(entry.oneSided)
    #expect(Swift.abs(sides.left - 1) < 1e-6)
    #expect(Swift.abs(sides.right - 3) < 1e-6)
    #expect(entry.verdict == .kink, "\(report)")
    #expect(report.passed, "\(report)")
  }

  @Test("max(x, y) at a tie: each column is a kink with sides 0 and 1")
  func maximumAtATie() throws {
    let report = try checkGradients(of: Maximum(), at: [2.0, 2.0])
    #expect(report.entries.map(\.verdict) == [.kink, .kink], "\(report)")
    for entry in report.entries {
      let sides = try #require(entry.oneSided)
      #expect(Swift.abs(Swift.min(sides.left, sides.right)) < 1e-10)
      #expect(Swift.abs(Swift.max(sides.left, sides.right) - 1) < 1e-10)
    }
    #expect(report.passed, "\(report)")
  }

  @Test("Every entry of a vector-valued Jacobian: |x| at (0, 2) has one kink, one smooth diagonal")
  func vectorValued() throws {
    let report = try checkGradients(of: Absolute(), at: [0.0, 2.0])
    #expect(report.entries.map(\.verdict) == [.kink, .pass, .pass, .pass], "\(report)")
  }

  /// Smooth points that a careless kink test would flag: a vanishing first derivative, a jump in
  /// the second derivative only (x·|x|), large values (exp at 50), a derivative near 0 (sin at π),
  /// steep slopes (tanh(20x), sigmoid(30x)).
  @Test(
    "Smooth points are never kinks",
    arguments: [
      ("x^2 at 0", 0.0), ("x*abs(x) at 0", 0), ("x^3 at 0", 0), ("exp at 50", 50), ("sin near pi", Double.pi),
      ("sin near pi + 1e-9", Double.pi + 1e-9), ("tanh(20x) at 0.01", 0.01), ("tanh(20x) at 0", 0),
      ("sigmoid(30x) at 0.05", 0.05), ("sigmoid(30x) at 0", 0),
    ])
  func smoothPoints(_ name: String, _ x: Double) throws {
    let cases: [String: ((Double) -> Double, (Double) -> Double)] = [
      "x^2": ({ $0 * $0 }, { 2 * $0 }),
      "x*abs(x)": ({ $0 * Swift.abs($0) }, { 2 * Swift.abs($0) }),
      "x^3": ({ $0 * $0 * $0 }, { 3 * $0 * $0 }),
      "exp": ({ Double.exp($0) }, { Double.exp($0) }),
      "sin": ({ Double.sin($0) }, { Double.cos($0) }),
      "tanh(20x)": ({ Double.tanh(20 * $0) }, { 20 * (1 - Double.tanh(20 * $0) * Double.tanh(20 * $0)) }),
      "sigmoid(30x)": ({ 1 / (1 + Double.exp(-30 * $0)) }, { let s = 1 / (1 + Double.exp(-30 * $0)); return 30 * s * (1 - s) }),
    ]
    let key = String(name.prefix { $0 != " " })
    let (f, derivative) = try #require(cases[key])
    let report = try check(name, at: x, f, derivative: derivative)
    #expect(report.kinks.isEmpty, "\(report)")
    #expect(report.entries.first?.oneSided == nil, "\(report)")
    #expect(report.verdict == .passed, "\(report)")
  }
}
