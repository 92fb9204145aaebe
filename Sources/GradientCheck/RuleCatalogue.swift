import DualAD

/// One unary rule of the table as a function ℝⁿ → ℝⁿ applied elementwise, so it can be checked.
///
/// The value goes through `T.applying(rule, to:)`, which for `Dual` and `Variable` multiplies in
/// the table's partial: checking this function checks that partial, not a derivative of the
/// formula's own steps.
public struct UnaryRuleFunction: ADFunction, Sendable {
  public let rule: UnaryPrimitive
  public init(_ rule: UnaryPrimitive) { self.rule = rule }
  public func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.applying(rule, to: $0) } }
}

/// One binary rule of the table as a function ℝ² → ℝ, f(x₀, x₁).
public struct BinaryRuleFunction: ADFunction, Sendable {
  public let rule: BinaryPrimitive
  public init(_ rule: BinaryPrimitive) { self.rule = rule }
  public func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    guard x.count >= 2 else { return [] }
    return [T.applying(rule, x[0], x[1])]
  }
}

/// Every rule of the table with the interval inside its domain where it is smooth, finite in
/// Float and Double, and away from poles: where the rules are checked against GSL. Read from
/// the table (`UnaryPrimitive.entry`), so a new primitive is checked without an edit here.
public enum RuleCatalogue {
  /// The unary rules and where to sample them (every representative case with a domain).
  public static let unary: [(rule: UnaryPrimitive, domain: ClosedRange<Double>)] =
    UnaryPrimitive.allCases.compactMap { rule in rule.domain.checked.map { (rule, $0) } }

  /// The binary rules and where to sample each argument.
  public static let binary: [(rule: BinaryPrimitive, x: ClosedRange<Double>, y: ClosedRange<Double>)] =
    BinaryPrimitive.allCases.map { ($0, $0.domain.x, $0.domain.y) }
}
