/// A misuse of a differentiation operator. Each message says what went wrong and what to do.
public enum DifferentiationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The function was asked for a derivative at no input at all.
  case emptyInput(operator: String)
  /// The point has another number of coordinates than the function's inputs.
  case inputCountMismatch(expected: Int, got: Int)
  /// A tangent's length differs from the number of inputs.
  case tangentLengthMismatch(expected: Int, got: Int)
  /// A cotangent's length differs from the number of outputs.
  case cotangentLengthMismatch(expected: Int, got: Int)
  /// A scalar-output operator got a function with another number of outputs.
  case nonScalarOutput(count: Int)
  /// Values recorded on two different tapes met in one operation.
  case mixedTapes
  /// A variable whose tape had ended (kept from an earlier call, or from a dropped ``Tape``)
  /// was used.
  case finishedTape
  /// The tape reached its node limit.
  case tapeFull(limit: Int)
  /// The function returned a different number of outputs on a later pass.
  case inconsistentOutputCount(first: Int, now: Int)
  /// Perturbations of two nested derivative calls met at the same dual type.
  case perturbationConfusion
  /// A user's ``CustomRule`` failed: the rule is named, and the problem says what to fix.
  case customRule(name: String, problem: CustomRuleProblem)
  /// The two arrays of a dot product have different lengths.
  case dotLengthMismatch(lhs: Int, rhs: Int)

  public var description: String {
    switch self {
    case .emptyInput(let op):
      return "\(op) needs at least one input, but got an empty array; pass the point to differentiate at"
    case .inputCountMismatch(let expected, let got):
      return "the function takes \(expected) inputs but the point has \(got) coordinates; pass one value per input, in the function's order"
    case .tangentLengthMismatch(let expected, let got):
      return "tangent has \(got) elements but the function has \(expected) inputs; pass one tangent element per input"
    case .cotangentLengthMismatch(let expected, let got):
      return "cotangent has \(got) elements but the function has \(expected) outputs; pass one cotangent element per output"
    case .nonScalarOutput(let count):
      return "grad can be implicitly created only for scalar outputs (the function has \(count) outputs); use vjp with a cotangent, or jacobian"
    case .mixedTapes:
      return "a variable from another tape was used; record all inputs of one computation on the same tape"
    case .finishedTape:
      return "a variable from a finished tape was used; compute it inside the closure, or pass its value in as an input"
    case .inconsistentOutputCount(let first, let now):
      return "the function returned \(first) outputs on the first pass and \(now) on a later one; make the number of outputs independent of the tangent"
    case .perturbationConfusion:
      return "perturbation confusion: a dual number from an outer derivative was used inside an inner derivative of the same type; differentiate the inner function at Dual<Outer> (e.g. derivative(at: Dual(x0)) { y in Dual(constant: x) + y }) so that each level has its own type"
    case .customRule(let name, let problem):
      return "custom rule \(name): \(problem)"
    case .dotLengthMismatch(let lhs, let rhs):
      return "dot: inconsistent tensor size, expected tensor [\(lhs)] and src [\(rhs)] to have the same number of elements, but got \(lhs) and \(rhs) elements respectively; pass two arrays of the same length"
    case .tapeFull(let limit):
      return "the tape is full (\(limit) nodes); differentiate smaller pieces, or use forward mode for functions with few inputs"
    }
  }
}
