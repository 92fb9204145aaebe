/// One row of the registry: what the package knows of a primitive besides its formula.
public struct RuleEntry<Domain: Hashable & Sendable>: Hashable, Sendable {
  /// Its name in the expression language (`lgamma`, `atan2`); nil when it is written only as an
  /// operator (−x, x^n, x + y) or not at all (ⁿ√x, ψ⁽ⁿ⁾ for n ≥ 1: reached from Swift only).
  public let functionName: String?
  /// The operator that spells it in the expression language: `-` for −x, `^3` for x³, `+`, `^`.
  public let symbol: String?
  /// PyTorch's name for the node of a tensor it made (`gradFn.name`), e.g. `ExpBackward0`.
  public let backwardName: String
  /// Where it is checked and where it has kinks.
  public let domain: Domain

  init(_ functionName: String?, _ backwardName: String, _ domain: Domain, symbol: String? = nil) {
    self.functionName = functionName
    self.symbol = symbol
    self.backwardName = backwardName
    self.domain = domain
  }

  /// How the primitive reads in an expression or a report: its operator, else its function name.
  public var label: String? { symbol ?? functionName }
}
