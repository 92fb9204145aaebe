import ArgumentParser

/// Which way to differentiate.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
  case forward, reverse, numeric, all

  /// The modes that `all` stands for, in display order.
  var modes: [Mode] {
    switch self {
    case .forward: return [.forward]
    case .reverse: return [.reverse]
    case .numeric: return [.numeric]
    case .all: return [.forward, .reverse, .numeric]
    }
  }
}

/// One way of differentiating.
enum Mode: String, CaseIterable {
  /// Dual numbers, one pass per input.
  case forward
  /// The tape, one sweep per output.
  case reverse
  /// GSL's finite differences (of f, or for a Hessian, of the reverse-mode gradient).
  case numeric
  /// A Hessian from vector duals over the tape: one sweep per 8 directions.
  case forwardOverReverse = "forward-over-reverse"
  /// A Hessian from nested duals: one pass per entry of the upper triangle.
  case forwardOverForward = "forward-over-forward"
}
