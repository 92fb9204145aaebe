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

  func check(of f: CompiledExpression, at x: [Double], options: CheckOptions) throws(CommandFailure) -> CheckOutcome {
    let cost = CostGuard(f, at: x, measureGradient: false)
    let estimate: Double
    if let k = options.directions {
      estimate = cost.fastCheck(directions: k)
    } else {
      estimate = cost.fullCheck
      try CostGuard.check(
        estimate, what: "the full check of \(x.count) inputs (\(x.count * f.outputCount) entries)",
        advice: "use --fast to check random directions instead", force: options.force)
    }
    var tolerance = GradientCheckTolerance.double
    tolerance.nondeterminism = options.nondeterminismTolerance
    let progress = ProgressLine(options.directions == nil ? "check" : "check --fast", estimate: estimate)
    defer { progress.finish() }
    do {
      let report = try checkGradients(
        of: f, at: x, name: f.expression.source, modes: options.modes, tolerance: tolerance,
        seed: options.seed ?? 0x5EED, directions: options.directions)
      return CheckOutcome(report: report)
    } catch {
      throw .badInput(error.description)
    }
  }
}
