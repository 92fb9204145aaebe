/// A function ℝⁿ → ℝᵐ written once, generic over ``ADScalar``, that may throw: one that applies
/// ``CustomRule``s, whose failures are ``DifferentiationError``s naming the rule.
///
/// The throwing sibling of ``ADFunction``, for the same use: code that runs one function in
/// every mode, such as `GradientCheck`'s `checkGradients(of:at:)`, which also names the custom
/// rule at fault when the check fails.
public protocol ThrowingADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> [T]
  /// The number of inputs, when it is fixed; nil (the default) when any number will do.
  var expectedInputCount: Int? { get }
}

extension ThrowingADFunction {
  public var expectedInputCount: Int? { nil }
}

/// A custom rule seen as a function, to check or differentiate it on its own.
public struct CustomRuleFunction<Rule: CustomRule>: ThrowingADFunction {
  public let rule: Rule
  public init(_ rule: Rule) { self.rule = rule }
  public var expectedInputCount: Int? { rule.inputCount }
  public func callAsFunction<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> [T] { try rule(x) }
}
