extension Variable {
  /// One tape node per output yᵢ, with every recorded input as a parent and ∂yᵢ/∂xⱼ as its
  /// partial (``combining(value:terms:)``): the sweep passes through a rule in one step.
  /// The rule is evaluated and checked before anything is recorded, so a failing rule leaves
  /// the tape as it was.
  @inlinable
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    let evaluation = try CustomRuleEvaluation(rule, at: x.map(\.value))
    guard x.contains(where: \.isRecorded) else { return evaluation.value.map { Variable(constant: $0) } }
    let jacobian = try evaluation.jacobian()
    return zip(evaluation.value, jacobian).map { value, row in
      combining(value: value, count: x.count) { j in (x[j], row[j]) }
    }
  }
}
