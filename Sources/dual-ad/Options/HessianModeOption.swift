import ArgumentParser

/// How `hessian` differentiates twice.
enum HessianModeOption: String, ExpressibleByArgument, CaseIterable {
  case forwardOverReverse = "forward-over-reverse"
  case forwardOverForward = "forward-over-forward"
  case numeric, all

  /// The modes that `all` stands for, in display order.
  var modes: [Mode] {
    switch self {
    case .forwardOverReverse: return [.forwardOverReverse]
    case .forwardOverForward: return [.forwardOverForward]
    case .numeric: return [.numeric]
    case .all: return [.forwardOverReverse, .forwardOverForward, .numeric]
    }
  }
}
