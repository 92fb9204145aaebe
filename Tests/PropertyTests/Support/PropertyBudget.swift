import Foundation

/// How many random cases each property runs.
///
/// 1 000 by default: a normal `swift test` (debug build) runs the whole suite in well under a
/// minute on two cores. `DUALAD_PROPERTY_COUNT=100000 swift test --filter PropertyTests` runs
/// a nightly-sized search.
enum PropertyBudget {
  static let defaultCount = 1_000

  static var count: Int {
    guard let text = ProcessInfo.processInfo.environment["DUALAD_PROPERTY_COUNT"], let n = Int(text), n > 0 else {
      return defaultCount
    }
    return n
  }
}
