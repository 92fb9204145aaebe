import DualAD

/// Why a gradient check could not be carried out. Each message says what to do.
///
/// A check that runs and finds wrong derivatives is not an error: it returns a
/// ``GradientCheckReport`` whose ``GradientCheckReport/passed`` is false.
public enum GradientCheckError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The point has no coordinates.
  case emptyInput
  /// The function returned no outputs at the point.
  case noOutputs
  /// A coordinate of the point is NaN or infinite.
  case nonFiniteInput(index: Int, value: Double)
  /// The function's value at the point is NaN or infinite, so no derivative can be compared.
  case nonFiniteValue(output: Int, value: Double)
  /// A hand-written derivative returned an array of the wrong length.
  case lengthMismatch(what: String, expected: Int, got: Int)
  /// A hand-written check was given neither a JVP nor a VJP, so there is nothing to compare.
  case nothingToCheck
  /// GSL returned a failure code.
  case gsl(code: Int32, message: String)
  /// The automatic differentiation itself refused (e.g. mixed tapes).
  case differentiation(DifferentiationError)

  public var description: String {
    switch self {
    case .emptyInput:
      return "gradient check needs at least one input, but the point is empty; pass the point to check at"
    case .noOutputs:
      return "the function returned no outputs at the point; a gradient check needs at least one output"
    case .nonFiniteInput(let index, let value):
      return "input \(index) of the point is \(value); check at a point where every coordinate is finite"
    case .nonFiniteValue(let output, let value):
      return "output \(output) of the function is \(value) at the point; move the point inside the function's domain"
    case .lengthMismatch(let what, let expected, let got):
      return "\(what) returned \(got) elements but \(expected) were expected; return one element per \(what.hasPrefix("jvp") ? "output" : "input")"
    case .nothingToCheck:
      return "nothing to check: pass a jvp closure, a vjp closure, or both"
    case .gsl(let code, let message):
      return "GSL numerical differentiation failed with code \(code) (\(message)); check that the function is smooth near the point"
    case .differentiation(let error):
      return "automatic differentiation failed: \(error)"
    }
  }
}
