/// What a subcommand computes; its name is the JSON key.
enum Quantity: String {
  case jacobian, gradient, vjp, jvp

  /// A Jacobian is a matrix; the others are vectors.
  var isMatrix: Bool { self == .jacobian }
}

/// One mode's result: the Jacobian's rows, or a vector as the only row; numeric results carry
/// an absolute error estimate for each entry.
struct ModeResult {
  let mode: Mode
  let rows: [[Double]]
  let errors: [[Double]]?
}
