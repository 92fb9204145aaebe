/// A misuse of a differentiation operator. Each message says what went wrong and what to do.
public enum DifferentiationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The function was asked for a derivative at no input at all.
  case emptyInput(operator: String)
  /// A tangent's length differs from the number of inputs.
  case tangentLengthMismatch(expected: Int, got: Int)
  /// A cotangent's length differs from the number of outputs.
  case cotangentLengthMismatch(expected: Int, got: Int)
  /// A scalar-output operator got a function with another number of outputs.
  case nonScalarOutput(count: Int)
  /// Values recorded on two different tapes met in one operation.
  case mixedTapes
  /// The tape reached its node limit.
  case tapeFull(limit: Int)

  public var description: String {
    switch self {
    case .emptyInput(let op):
      return "\(op) needs at least one input, but got an empty array; pass the point to differentiate at"
    case .tangentLengthMismatch(let expected, let got):
      return "tangent has \(got) elements but the function has \(expected) inputs; pass one tangent element per input"
    case .cotangentLengthMismatch(let expected, let got):
      return "cotangent has \(got) elements but the function has \(expected) outputs; pass one cotangent element per output"
    case .nonScalarOutput(let count):
      return "grad can be implicitly created only for scalar outputs (the function has \(count) outputs); use vjp with a cotangent, or jacobian"
    case .mixedTapes:
      return "a variable from another tape was used; record all inputs of one computation on the same tape, and do not keep variables from an earlier gradient call"
    case .tapeFull(let limit):
      return "the tape is full (\(limit) nodes); differentiate smaller pieces, or use forward mode for functions with few inputs"
    }
  }
}
