import DualADExpressions

/// Numerical differentiation, for `--mode numeric`, `--mode all` and `check`.
protocol NumericDifferentiator: Sendable {
  /// The Jacobian by finite differences, with an error estimate for each entry.
  func jacobian(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> EstimatedJacobian
  /// The Hessian of a scalar f by finite differences of its reverse-mode gradient, with an error
  /// estimate for each entry.
  func hessian(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> EstimatedJacobian
  /// Forward and reverse mode against finite differences, entry by entry.
  func check(of f: CompiledExpression, at x: [Double]) throws(CommandFailure) -> CheckOutcome
}

/// A Jacobian with an absolute error estimate per entry; rows are outputs.
struct EstimatedJacobian {
  var values: [[Double]]
  var errors: [[Double]]
}

/// The result of `check`: whether every entry agrees, as a table and as JSON fields.
struct CheckOutcome {
  var passed: Bool
  var maxDifference: Double
  var jacobians: [(mode: Mode, jacobian: [[Double]])]
  /// The report as a table, for a terminal.
  var table: String
  /// Extra members of the JSON object (already encoded), e.g. the per-entry rows.
  var jsonMembers: [(key: String, json: String)]
}
