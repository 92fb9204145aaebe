import DualAD

extension RunningErrorBound {
  /// e(yᵢ) = Σⱼ |∂yᵢ/∂xⱼ|·(e(xⱼ) + u·|xⱼ|) + u·|yᵢ|: a custom rule modelled as backward stable,
  /// its Jacobian taken column by column from its forward mode.
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    let values = try Double.applying(custom: rule, to: x.map(\.value))
    var bounds = values.map { unitRoundoff * Swift.abs($0) }
    for j in x.indices {
      let carriedIn = x[j].bound + unitRoundoff * Swift.abs(x[j].value)
      guard carriedIn != 0 else { continue }
      let column = try rule.column(j, at: x.map(\.value))
      for i in column.indices where i < bounds.count { bounds[i] += Swift.abs(column[i].tangent) * carriedIn }
    }
    return zip(values, bounds).map { Self(value: $0, bound: $1) }
  }
}
