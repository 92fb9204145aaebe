extension Variable {
  /// Each output yᵢ as a combination of the inputs with the partials ∂yᵢ/∂xⱼ. The rule is
  /// evaluated and checked before anything is recorded, so a failing rule leaves the tape as it was.
  @inlinable
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    let evaluation = try CustomRuleEvaluation(rule, at: x.map(\.value))
    guard x.contains(where: \.isRecorded) else { return evaluation.value.map { Variable(constant: $0) } }
    let jacobian = try evaluation.jacobian()
    return zip(evaluation.value, jacobian).map { value, row in
      var y = Variable(constant: value)
      for (partial, xj) in zip(row, x) where xj.isRecorded && !partial.isIdenticallyZero {
        y = combine(value: value, y, 1, xj, partial)
      }
      return y
    }
  }
}
