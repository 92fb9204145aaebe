import DualAD

// Each primitive through the scalar type's `applying`: for `Dual` and `Variable` one application
// of the rule table, so the derivative comes from there; for Double and Float the rule's value.

extension UnaryPrimitive {
  /// f(x) through `T`'s application of this rule.
  func apply<T: ADScalar>(_ x: T) -> T { T.applying(self, to: x) }
}

extension BinaryPrimitive {
  /// f(x, y) through `T`'s application of this rule; for atan2, x is the y coordinate.
  func apply<T: ADScalar>(_ x: T, _ y: T) -> T {
    // xʸ of a differentiating type through its `pow`, where a constant exponent adds no ∂/∂y
    // (NaN at a negative base); Double's rule value is the table's xʸ, defined at negative bases.
    if self == .pow, T.self != T.Primal.self { return T.pow(x, y) }
    return T.applying(self, x, y)
  }
}
