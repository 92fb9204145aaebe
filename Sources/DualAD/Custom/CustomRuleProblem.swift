/// What went wrong in a ``CustomRule``: the detail of ``DifferentiationError/customRule(name:problem:)``.
/// Each description says what to fix.
public enum CustomRuleProblem: Equatable, Sendable, CustomStringConvertible {
  /// The rule was called with another number of inputs than its ``CustomRule/inputCount``.
  case inputCount(expected: Int, got: Int)
  /// A rule with several outputs was called in the one-output form.
  case notScalar(outputs: Int)
  /// ``CustomRule/value(_:)`` or a derivative returned an array of the wrong length.
  /// `what` names it: "value", "partials", "partials row 1", "jvp", "vjp".
  case wrongLength(what: String, expected: Int, got: Int)
  /// The derivative is NaN where the rule's value and the inputs are finite.
  case nonFiniteDerivative(output: Int, input: Int)
  /// The rule's value or derivative threw; the error's description.
  case threw(String)
  /// A first-order rule (``FirstOrderRule``, written in `Double`) was differentiated twice.
  case notTwiceDifferentiable(type: String)
  /// The scalar type has no custom-rule support: a plain float evaluates the value only, and
  /// ``Dual``, ``DualVector`` and ``Variable`` differentiate; another ``ADScalar`` type must
  /// implement ``ADScalar/applying(custom:to:)`` itself.
  case unsupportedScalar(type: String)

  public var description: String {
    switch self {
    case .inputCount(let expected, let got):
      return "called with \(got) inputs but the rule takes \(expected); pass one value per input"
    case .notScalar(let outputs):
      return "the rule has \(outputs) outputs; call it with an array of inputs to get all of them"
    case .wrongLength(let what, let expected, let got):
      let unit = what.hasPrefix("vjp") || what.hasPrefix("partials row") ? "input" : what == "partials" ? "output (a row of partials)" : "output"
      return "\(what) returned \(got) elements but \(expected) were expected; return one element per \(unit)"
    case .nonFiniteDerivative(let output, let input):
      return "∂y\(output)/∂x\(input) is NaN where the value is finite; return the derivative's value there, or a one-sided one at a kink"
    case .threw(let message):
      return "it threw: \(message)"
    case .notTwiceDifferentiable(let type):
      return "its derivative is first-order only (written in Double), so it cannot be differentiated again in \(type); for Hessians and nested derivatives write value and derivative generic over ADScalar (conform a type to CustomRule)"
    case .unsupportedScalar(let type):
      return "\(type) has no support for custom rules; implement ADScalar's applying(custom:to:) for it, or differentiate with Dual, DualVector or Variable"
    }
  }
}
