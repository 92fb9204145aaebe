extension Dual {
  /// ẏ = J(x)·ẋ: the rule's JVP, or its partials times the tangent. The value and the
  /// derivative are evaluated at the value type, so in `Dual<Dual<Double>>` they are
  /// differentiated again.
  @inlinable
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    let tag = x.reduce(PerturbationTag.none) { .merge($0, $1.tag) }
    let evaluation = try CustomRuleEvaluation(rule, at: x.map(\.value))
    let tangents = try evaluation.jvp(x.map(\.tangent))
    return zip(evaluation.value, tangents).map { Dual(value: $0, tangent: $1, tag: tag) }
  }
}

extension DualVector {
  /// ẏₖ = J(x)·ẋₖ for every direction k, from the Jacobian computed once.
  @inlinable
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    let tag = x.reduce(PerturbationTag.none) { .merge($0, $1.tag) }
    let evaluation = try CustomRuleEvaluation(rule, at: x.map(\.value))
    let jacobian = try evaluation.jacobian()
    return zip(evaluation.value, jacobian).map { value, row in
      var t = InlineArray<Width, Value>(repeating: 0)
      for (partial, xj) in zip(row, x) where !partial.isIdenticallyZero {
        for k in 0..<Width { t[k] += partial * xj.tangents[k] }
      }
      return DualVector(value: value, tangents: t, tag: tag)
    }
  }
}
