import DualAD
import Foundation
import GradientCheck
import Testing

/// f(x) = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².
struct RosenbrockFunction: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    var sum: T = 0
    for i in 0..<(x.count - 1) {
      let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
      sum += 100 * a * a + b * b
    }
    return [sum]
  }
}

/// f(x₀, x₁) = √x₀ · x₁, with √x₀ differentiated through one Newton step from a converged,
/// detached iterate s: r = s − (s² − x₀)/(2s). The value is √x₀ and the first derivative
/// 1/(2s) = 1/(2√x₀) is exact, as the implicit function theorem promises; the second derivative
/// is not, because s is a constant to AD: ∂²r/∂x₀² = 0 instead of −1/(4x₀^(3/2)).
struct NewtonSquareRootTimesY: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    let a = Double(x[0].primal)
    var s = Swift.max(a, 1)
    for _ in 0..<60 { s = (s + a / s) / 2 }
    let detached = T.constant(s)
    let root = detached - (detached * detached - x[0]) / (2 * detached)
    return [root * x[1]]
  }
}

/// Rosenbrock in two variables, f(x, y) = 100(y − x²)² + (1 − x)², by hand.
enum Rosenbrock2D {
  static func value(_ p: [Double]) -> Double { 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]) }
  static func gradient(_ p: [Double]) -> [Double] {
    let (x, y) = (p[0], p[1])
    return [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)]
  }
  /// H = [[1200x² − 400y + 2, −400x], [−400x, 200]]; `crossTermOnTop` replaces H₀₁ only.
  static func hvp(crossTermOnTop: @escaping (Double) -> Double) -> ([Double], [Double]) -> [Double] {
    { p, v in
      let (x, y) = (p[0], p[1])
      return [(1200 * x * x - 400 * y + 2) * v[0] + crossTermOnTop(x) * v[1], -400 * x * v[0] + 200 * v[1]]
    }
  }
}

struct HessianCheckTests {
  @Test func rosenbrockMatchesTheClosedFormInBothModes() throws {
    let report = try checkHessian(of: RosenbrockFunction(), at: [1.0, 2, 3])
    #expect(report.passed, "\(report)")
    #expect(report.order == 2)
    // f(1, 2, 3) = 100(2 − 1)² + 0 + 100(3 − 4)² + 1 = 201.
    #expect(report.value == [201])
    // By hand: H₀₀ = 1200 − 800 + 2, H₁₁ = 202 + 4800 − 1200, H₂₂ = 200, H₀₁ = −400, H₁₂ = −800.
    let closedForm: [[Double]] = [[402, -400, 0], [-400, 3802, -800], [0, -800, 200]]
    #expect(report.entries.count == 9)
    for e in report.entries {
      let truth = closedForm[e.output][e.input]
      #expect(e.forward == truth && e.reverse == truth)
      #expect(Swift.abs(e.numerical - truth) <= 1e-6 * Swift.max(1, Swift.abs(truth)), "GSL H[\(e.output)][\(e.input)] = \(e.numerical)")
    }
    #expect(report.symmetry?.passed == true)
    #expect(report.symmetry?.difference == 0)
  }

  @Test func logSumExpAtLargeInputsInDoubleAndFloat() throws {
    struct LogSumExp: ADFunction {
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
        let m = x.max() ?? 0
        return [m + .log(x.map { .exp($0 - m) }.reduce(0, +))]
      }
    }
    let x = [1000.0, 1001, 999]
    let e = x.map { Foundation.exp($0 - 1001) }, s = e.map { $0 / e.reduce(0, +) }
    let report = try checkHessian(of: LogSumExp(), at: x)
    #expect(report.passed, "\(report)")
    for entry in report.entries {
      // diag(s) − ssᵀ
      let truth = (entry.output == entry.input ? s[entry.output] : 0) - s[entry.output] * s[entry.input]
      #expect(Swift.abs((entry.reverse ?? .nan) - truth) < 1e-15)
    }
    let native = try checkHessian(of: LogSumExp(), at: x.map { Float($0) }, arithmetic: .native)
    #expect(native.passed, "\(native)")
    #expect(native.arithmetic == "Float")
  }

  @Test func rightGradientWrongSecondDerivativeIsCaughtAtTheRightEntry() throws {
    let x = [4.0, 3.0]
    // The first-order check cannot see the bug: the gradient (y/(2√x), √x) = (0.75, 2) is exact.
    let first = try checkGradients(of: NewtonSquareRootTimesY(), at: x)
    #expect(first.passed, "\(first)")
    let report = try checkHessian(of: NewtonSquareRootTimesY(), at: x)
    #expect(!report.passed)
    // By hand: H = [[−y/(4x^(3/2)), 1/(2√x)], [1/(2√x), 0]] = [[−3/32, 1/4], [1/4, 0]]; AD drops −3/32.
    #expect(report.mismatches.map { [$0.output, $0.input] } == [[0, 0]])
    let entry = try #require(report.mismatches.first)
    #expect(entry.forward == 0 && entry.reverse == 0)
    #expect(Swift.abs(entry.numerical - -0.09375) < 1e-9)
    let cross = try #require(report.entries.first { $0.output == 0 && $0.input == 1 })
    #expect(cross.forward == 0.25 && cross.reverse == 0.25 && cross.verdict == .pass)
    // The AD Hessian is wrong but symmetric: symmetry alone could not have caught it.
    #expect(report.symmetry?.passed == true)
    #expect(report.description.contains("hessian check NewtonSquareRootTimesY: FAILED"))
    #expect(report.description.contains("MISMATCH"))
  }

  @Test func correctHandWrittenHessianVectorProductPasses() throws {
    let report = try checkHessian(
      name: "Rosenbrock by hand", at: [-1.2, 1], value: Rosenbrock2D.value, gradient: Rosenbrock2D.gradient,
      hessianVectorProduct: Rosenbrock2D.hvp { -400 * $0 })
    #expect(report.passed, "\(report)")
    // At (−1.2, 1): H = [[1728 − 400 + 2, 480], [480, 200]].
    let computed = report.entries.map { $0.reverse ?? .nan }
    #expect(zip(computed, [1330.0, 480, 480, 200]).allSatisfy { Swift.abs($0 - $1) < 1e-12 * $1 }, "\(computed)")
    #expect(report.entries.allSatisfy { $0.forward == nil })
  }

  @Test func crossTermWithTheWrongSignOnOneSideIsCaughtTwice() throws {
    let report = try checkHessian(
      name: "Rosenbrock, H₀₁ = +400x", at: [-1.2, 1], value: Rosenbrock2D.value, gradient: Rosenbrock2D.gradient,
      hessianVectorProduct: Rosenbrock2D.hvp { 400 * $0 })
    #expect(!report.passed)
    #expect(report.mismatches.map { [$0.output, $0.input] } == [[0, 1]])
    #expect(Swift.abs((report.mismatches.first?.numerical ?? 0) - 480) < 1e-6)
    let symmetry = try #require(report.symmetry)
    #expect(!symmetry.passed)
    #expect(symmetry.row == 0 && symmetry.column == 1)
    #expect(Swift.abs(symmetry.upper - -480) < 1e-12 && Swift.abs(symmetry.lower - 480) < 1e-12)
    #expect(Swift.abs(symmetry.difference - 960) < 1e-12)
    #expect(report.description.contains("not symmetric"))
  }

  @Test func crossTermTooSmallForGSLIsCaughtBySymmetry() throws {
    // f(x, y) = x·y/10: H₀₁ = H₁₀ = 0.1. One side uses 0.1 rounded to Float, 1.5·10⁻⁹ off:
    // a thousand times below GSL's tolerance, ten thousand times above round-off.
    let tenthInFloat = Double(Float(0.1))
    let report = try checkHessian(
      name: "xy/10", at: [2, 3], value: { $0[0] * $0[1] / 10 }, gradient: { [$0[1] / 10, $0[0] / 10] },
      hessianVectorProduct: { _, v in [tenthInFloat * v[1], 0.1 * v[0]] })
    #expect(report.mismatches.isEmpty)
    #expect(report.symmetry?.passed == false)
    // Float(0.1) = 0.100000001490116119384765625.
    #expect(Swift.abs((report.symmetry?.difference ?? 0) - 1.490_116_1e-9) < 1e-15)
    #expect(!report.passed)
  }

  @Test func misuseThrowsTypedErrors() throws {
    struct Pair: ADFunction {
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0], x[0] * x[0]] }
    }
    #expect(throws: GradientCheckError.differentiation(.nonScalarOutput(count: 2))) {
      try checkHessian(of: Pair(), at: [1.0])
    }
    struct TwoInputs: ADFunction {
      var expectedInputCount: Int? { 2 }
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1]] }
    }
    #expect(throws: GradientCheckError.differentiation(.inputCountMismatch(expected: 2, got: 3))) {
      try checkHessian(of: TwoInputs(), at: [1.0, 2, 3])
    }
    #expect(throws: GradientCheckError.differentiation(.inputCountMismatch(expected: 2, got: 1))) {
      try checkGradients(of: TwoInputs(), at: [1.0])
    }
    #expect(throws: GradientCheckError.emptyInput) { try checkHessian(of: RosenbrockFunction(), at: [Double]()) }
    #expect(throws: GradientCheckError.nonFiniteInput(index: 1, value: .infinity)) {
      try checkHessian(of: RosenbrockFunction(), at: [1, Double.infinity])
    }
    #expect(throws: GradientCheckError.lengthMismatch(what: "hessianVectorProduct", expected: 2, got: 1)) {
      try checkHessian(at: [1, 2], value: { $0[0] }, gradient: { _ in [1, 0] }, hessianVectorProduct: { _, _ in [0] })
    }
  }
}

/// Every rule of the table at seeded random points: no false failure of the second-order check.
struct HessianRuleSweepTests {
  @Test(arguments: RuleCatalogue.unary.map(\.rule))
  func unaryRuleHasNoFalseFailure(_ rule: UnaryPrimitive) throws {
    let domain = try #require(RuleCatalogue.unary.first { $0.rule == rule }).domain
    var generator = SeededGenerator(seed: 2025)
    for _ in 0..<25 {
      let x = Double.random(in: domain, using: &generator)
      let double = try checkHessian(of: UnaryRuleFunction(rule), at: [x], name: "\(rule) Double")
      #expect(double.passed, "\(double)")
      let float = try checkHessian(of: UnaryRuleFunction(rule), at: [Float(x)], name: "\(rule) Float", arithmetic: .native)
      #expect(float.passed, "\(float)")
    }
  }

  @Test(arguments: RuleCatalogue.binary.map(\.rule))
  func binaryRuleHasNoFalseFailure(_ rule: BinaryPrimitive) throws {
    let domain = try #require(RuleCatalogue.binary.first { $0.rule == rule })
    var generator = SeededGenerator(seed: 8)
    for _ in 0..<25 {
      let point = [Double.random(in: domain.x, using: &generator), Double.random(in: domain.y, using: &generator)]
      let double = try checkHessian(of: BinaryRuleFunction(rule), at: point, name: "\(rule) Double")
      #expect(double.passed, "\(double)")
      let float = try checkHessian(of: BinaryRuleFunction(rule), at: point.map { Float($0) }, name: "\(rule) Float", arithmetic: .native)
      #expect(float.passed, "\(float)")
    }
  }
}
