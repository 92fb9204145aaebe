extension ADScalar {
  /// Plain evaluation: a type that is its own primal (`Double`, `Float`) has no derivative part,
  /// so only the rule's value is called. Any other type without its own implementation throws
  /// ``CustomRuleProblem/unsupportedScalar(type:)``: treating the rule as a constant there would
  /// be a silent zero derivative.
  @inlinable
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    guard Self.self == Primal.self else { throw rule.failure(.unsupportedScalar(type: String(describing: Self.self))) }
    CustomRuleRecorder.recordIfActive(rule, at: x)
    return try CustomRuleEvaluation<R, Self>.value(of: rule, at: x)
  }
}
