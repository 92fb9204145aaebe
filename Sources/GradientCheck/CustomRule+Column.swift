import DualAD

extension CustomRule {
  /// Its value and Jacobian column j at x, from its forward mode: ∂yᵢ/∂xⱼ is `tangent` of output i.
  func column(_ j: Int, at x: [Double]) throws(DifferentiationError) -> [Dual<Double>] {
    try Dual<Double>.applying(custom: self, to: x.indices.map { Dual(value: x[$0], tangent: $0 == j ? 1 : 0) })
  }
}
