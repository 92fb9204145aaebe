import DualAD

/// One unary rule of the table as a function ℝⁿ → ℝⁿ applied elementwise, so it can be checked.
///
/// The value goes through `rule.evaluate(x).value`, which for `Dual` and `Variable` runs the
/// rule table itself: checking this function checks the table's partial for the rule.
public struct UnaryRuleFunction: ADFunction, Sendable {
  public let rule: UnaryPrimitive
  public init(_ rule: UnaryPrimitive) { self.rule = rule }
  public func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { rule.evaluate($0).value } }
}

/// One binary rule of the table as a function ℝ² → ℝ, f(x₀, x₁).
public struct BinaryRuleFunction: ADFunction, Sendable {
  public let rule: BinaryPrimitive
  public init(_ rule: BinaryPrimitive) { self.rule = rule }
  public func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    guard x.count >= 2 else { return [] }
    return [rule.evaluate(x[0], x[1]).value]
  }
}

/// Every rule of the table with an interval inside its domain where it is smooth, finite in
/// Float and Double, and away from poles: where the rules are checked against GSL.
public enum RuleCatalogue {
  /// The unary rules and where to sample them.
  public static let unary: [(rule: UnaryPrimitive, domain: ClosedRange<Double>)] = [
    (.negate, -5...5), (.exp, -10...10), (.expm1, -5...5), (.exp2, -10...10), (.exp10, -4...4),
    (.log, 0.01...100), (.log1p, -0.9...10), (.log2, 0.01...100), (.log10, 0.01...100),
    (.sqrt, 0.01...100), (.cbrt, -10...10), (.power(3), -3...3), (.power(-2), 0.2...5),
    (.power(0), -3...3), (.root(3), -10...10), (.root(4), 0.01...50),
    (.sin, -6...6), (.cos, -6...6), (.tan, -1.4...1.4), (.asin, -0.95...0.95),
    (.acos, -0.95...0.95), (.atan, -10...10), (.sinh, -5...5), (.cosh, -5...5), (.tanh, -4...4),
    (.asinh, -10...10), (.acosh, 1.05...10), (.atanh, -0.95...0.95), (.erf, -3...3), (.erfc, -3...3),
    (.gamma, 0.3...6), (.logGamma, 0.3...20), (.polygamma(0), 0.3...20), (.polygamma(1), 0.3...20),
    (.polygamma(2), 0.5...10), (.abs, -5...5), (.sigmoid, -20...20), (.softplus, -20...20),
    (.relu, -5...5),
  ]

  /// The binary rules and where to sample each argument.
  public static let binary: [(rule: BinaryPrimitive, x: ClosedRange<Double>, y: ClosedRange<Double>)] = [
    (.add, -5...5, -5...5), (.subtract, -5...5, -5...5), (.multiply, -5...5, -5...5),
    (.divide, -5...5, 0.5...5), (.pow, 0.1...5, -3...3), (.atan2, -5...5, -5...5),
    (.hypot, -5...5, -5...5), (.minimum, -5...5, -5...5), (.maximum, -5...5, -5...5),
  ]
}
