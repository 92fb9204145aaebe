/// What a subcommand computes; its name is the JSON key.
enum Quantity: String {
  case jacobian, gradient, vjp, jvp, hessian

  /// A Jacobian and a Hessian are matrices; the others are vectors.
  var isMatrix: Bool { self == .jacobian || self == .hessian }
}

/// One mode's result: the Jacobian's rows, or a vector as the only row; numeric results carry
/// an absolute error estimate for each entry.
struct ModeResult {
  let mode: Mode
  let rows: [[Double]]
  let errors: [[Double]]?
}
