import DualAD
import Foundation
import GradientCheck

/// f(x) = relu(x) elementwise.
struct Relu: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.relu($0) } }
}

/// f(x) = |x| elementwise.
struct AbsoluteValue: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.abs($0) } }
}

/// f(x, y) = max(x, y).
struct PairMaximum: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.maximum(x[0], x[1])] }
}

/// f(x) = ‖x‖₂.
struct EuclideanNorm: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.sqrt(x.reduce(0) { $0 + $1 * $1 })] }
}

/// f(x) = |x − 1| + x².
struct ShiftedAbsolutePlusSquare: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.abs(x[0] - 1) + x[0] * x[0]] }
}

/// f(x) = Σ (xᵢ² + sin xᵢ·xᵢ₊₁): a sum over 10⁶ inputs for the fast mode.
struct CoupledSum: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    var sum = T(0)
    for i in x.indices {
      sum = sum + x[i] * x[i]
      if i + 1 < x.count { sum = sum + T.sin(x[i]) * x[i + 1] }
    }
    return [sum]
  }
}

/// One kink of the report: where, GSL's one-sided derivatives, AD's choice and the verdict.
struct KinkRow: Codable {
  let name: String
  let entry: String
  let left: Double
  let right: Double
  let ad: Double
  let verdict: String
  /// The expected one-sided derivatives, by hand.
  let expected: [Double]
  let passed: Bool
}

/// The kinks section: each function at its kink, the one-sided derivatives against their closed forms.
func kinkRows() throws(VerificationFailure) -> [KinkRow] {
  let cases: [(String, any ADFunction, [Double], [[Double]])] = [
    ("abs(x) at 0", AbsoluteValue(), [0], [[-1, 1]]),
    ("relu(x) at 0", Relu(), [0], [[0, 1]]),
    ("max(x, y) at x = y = 2", PairMaximum(), [2, 2], [[0, 1], [0, 1]]),
    ("norm(x) at 0 (one input)", EuclideanNorm(), [0], [[-1, 1]]),
    ("|x − 1| + x² at 1", ShiftedAbsolutePlusSquare(), [1], [[1, 3]]),
  ]
  var rows: [KinkRow] = []
  for (name, function, point, expected) in cases {
    let report: GradientCheckReport
    do { report = try checkGradients(of: function, at: point, name: name) } catch { throw .check(name: name, error) }
    for (k, e) in report.entries.enumerated() where e.output == 0 {
      let sides = e.oneSided
      let left = sides?.left ?? .nan, right = sides?.right ?? .nan
      let wanted = expected[Swift.min(k, expected.count - 1)]
      // max's sides are 0 and 1 in either order, by input.
      let close = Swift.abs(Swift.min(left, right) - wanted[0]) < 1e-6 && Swift.abs(Swift.max(left, right) - wanted[1]) < 1e-6
      rows.append(
        KinkRow(
          name: name, entry: report.inputCount > 1 ? "∂/∂x\(e.input)" : "d/dx", left: left, right: right,
          ad: e.reverse ?? e.forward ?? .nan, verdict: e.verdict.rawValue, expected: wanted,
          passed: close))
    }
  }
  return rows
}

/// The fast-mode row: a function of `n` inputs checked with k direction pairs, timed.
struct FastModeRow: Codable {
  let name: String
  let inputs: Int
  let directions: Int
  let seconds: Double
  /// One evaluation of f at the point, and the full check extrapolated from it: about 100
  /// evaluations per input for GSL's central and one-sided differences, plus a JVP per input
  /// (about 3 evaluations each).
  let evaluationSeconds: Double
  let fullCheckSeconds: Double
  let verdict: String
  let taylorSlope: Double?
  let passed: Bool
}

func fastModeRow(inputs n: Int = 1_000_000, directions k: Int = 2) throws(VerificationFailure) -> FastModeRow {
  let name = "Σ xᵢ² + sin xᵢ·xᵢ₊₁"
  let point = (0..<n).map { 1 + Double($0 % 1000) / 1000 }
  let evaluation = (0..<3).map { _ in
    let start = Date()
    _ = CoupledSum()(point)
    return Date().timeIntervalSince(start)
  }.min() ?? 0
  let start = Date()
  let report: GradientCheckReport
  do { report = try checkGradients(of: CoupledSum(), at: point, name: name, directions: k) } catch { throw .check(name: name, error) }
  return FastModeRow(
    name: name, inputs: n, directions: k, seconds: Date().timeIntervalSince(start), evaluationSeconds: evaluation,
    fullCheckSeconds: evaluation * 103 * Double(n), verdict: report.verdict.rawValue,
    taylorSlope: report.taylor?.slope, passed: report.passed)
}
