import DualAD

extension AbsoluteDual {
  /// ẏᵢ = Σⱼ |∂yᵢ/∂xⱼ|·ẋⱼ: a custom rule's Jacobian, column by column from its forward mode,
  /// with every partial replaced by its magnitude.
  public static func applying<R: CustomRule>(custom rule: R, to x: [Self]) throws(DifferentiationError) -> [Self] {
    var tangents: [Double]?
    var value: [Double] = []
    for j in x.indices where x[j].tangent != 0 {
      let column = try rule.column(j, at: x.map(\.value))
      value = column.map(\.value)
      var sum = tangents ?? [Double](repeating: 0, count: column.count)
      for i in column.indices { sum[i] += Swift.abs(column[i].tangent) * x[j].tangent }
      tangents = sum
    }
    guard let tangents else { return try Double.applying(custom: rule, to: x.map(\.value)).map { Self($0) } }
    return zip(value, tangents).map { Self(value: $0, tangent: $1) }
  }
}
