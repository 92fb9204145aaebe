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
  /// f returned a different number of outputs at a point near x than at x: no Jacobian exists
  /// there. `point` is where the length changed.
  case outputLengthChanged(expected: Int, got: Int, point: [Double])
  /// A fast check was asked for fewer than one direction pair.
  case invalidDirectionCount(Int)
  /// A tolerance (the nondeterminism tolerance) is negative or NaN.
  case invalidTolerance(name: String, value: Double)

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
    case .outputLengthChanged(let expected, let got, let point):
      return "the function returned \(got) outputs at \(Self.describe(point)) but \(expected) at the point; a Jacobian needs the same output length near the point: check at a point away from where the length changes"
    case .invalidDirectionCount(let count):
      return "a fast check needs at least one direction pair, but \(count) were asked for; pass directions of 1 or more"
    case .invalidTolerance(let name, let value):
      return "\(name) is \(value); pass a tolerance that is 0 or more"
    }
  }

  /// A point in a message: every coordinate up to 8, else the first 8 and the count.
  static func describe(_ point: [Double]) -> String {
    point.count <= 8 ? "\(point)" : "[\(point.prefix(8).map { "\($0)" }.joined(separator: ", ")), … (\(point.count) coordinates)]"
  }
}
