import DualADExpressions
import Foundation
import GradientCheck

/// Numerical differentiation by GSL, through GradientCheck.
struct GSLNumericDifferentiator: NumericDifferentiator {
  func jacobian(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> EstimatedJacobian {
    do {
      let estimate = try numericalJacobian(at: x) { f.evaluate($0) }
      return EstimatedJacobian(values: estimate.values, errors: estimate.entries.map { $0.map(\.abserr) })
    } catch {
      throw .badInput(error.description)
    }
  }

  func hessian(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> EstimatedJacobian {
    do {
      let estimate = try numericalJacobian(at: x) { (try? f.gradient(at: $0)) ?? Array(repeating: .nan, count: $0.count) }
      return EstimatedJacobian(values: estimate.values, errors: estimate.entries.map { $0.map(\.abserr) })
    } catch {
      throw .badInput(error.description)
    }
  }

  func check(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> CheckOutcome {
    let report: GradientCheckReport
    do {
      report = try checkGradients(of: f, at: x, name: f.expression.source)
    } catch {
      throw .badInput(error.description)
    }
    let rows = f.outputCount, columns = x.count
    func matrix(_ pick: (GradientCheckEntry) -> Double?) -> [[Double]] {
      var m = Array(repeating: Array(repeating: Double.nan, count: columns), count: rows)
      for e in report.entries where e.output < rows && e.input < columns {
        m[e.output][e.input] = pick(e) ?? .nan
      }
      return m
    }
    let maxDifference = max(report.maxModeDifference, report.maxAbsoluteError)
    return CheckOutcome(
      passed: report.passed,
      maxDifference: maxDifference,
      jacobians: [
        (.forward, matrix(\.forward)), (.reverse, matrix(\.reverse)), (.numeric, matrix { $0.numerical }),
      ],
      table: report.description,
      jsonMembers: [("entries", Self.entriesJSON(report.entries))])
  }

  /// GradientCheck's per-entry rows, in the CLI's JSON conventions.
  private static func entriesJSON(_ entries: [GradientCheckEntry]) -> String {
    "[" + entries.map { e in
      var o = JSONObject()
      o.add("output", raw: String(e.output))
      o.add("input", raw: String(e.input))
      if let forward = e.forward { o.add("forward", number: forward) }
      if let reverse = e.reverse { o.add("reverse", number: reverse) }
      o.add("numeric", number: e.numerical)
      o.add("abserr", number: e.abserr)
      o.add("absolute_error", number: e.absoluteError)
      o.add("relative_error", number: e.relativeError)
      o.add("allowed_error", number: e.allowedError)
      o.add("verdict", e.verdict.rawValue)
      return o.json
    }.joined(separator: ",") + "]"
  }
}
