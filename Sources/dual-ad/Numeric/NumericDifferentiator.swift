import DualADExpressions
import GradientCheck

/// Numerical differentiation, for `--mode numeric`, `--mode all` and `check`.
protocol NumericDifferentiator: Sendable {
  /// The Jacobian by finite differences, with an error estimate for each entry.
  func jacobian(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> EstimatedJacobian
  /// The Hessian of a scalar f by finite differences of its reverse-mode gradient, with an error
  /// estimate for each entry.
  func hessian(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> EstimatedJacobian
  /// Forward and reverse mode against finite differences, entry by entry or (fast) by directions.
  func check(of f: CompiledExpression, at x: [Double], options: CheckOptions) throws(CommandFailure) -> CheckOutcome
}

/// A Jacobian with an absolute error estimate per entry; rows are outputs.
struct EstimatedJacobian {
  var values: [[Double]]
  var errors: [[Double]]
}

/// The result of `check`: GradientCheck's report, as text and as the JSON contract.
struct CheckOutcome {
  var report: GradientCheckReport
}
