import RealModule

// The rule table applied to a plain Double or Float: the rule's value, without derivatives.
// Here rather than in Scalars/, so that the plain scalars do not depend on the table.

extension ADScalar where Self: Real & BinaryFloatingPoint, Primal == Self {
  /// f(x): the rule's value (its partial is not needed without derivatives).
  @inlinable
  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self { rule.evaluate(x).value }

  /// f(x, y): the rule's value.
  @inlinable
  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self { rule.evaluate(x, y).value }
}
