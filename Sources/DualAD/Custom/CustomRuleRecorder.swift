import Synchronization

/// The custom rules applied while a function is evaluated in plain arithmetic, with their
/// inputs: a gradient check re-checks each at its own inputs to name the one at fault.
@usableFromInline
package final class CustomRuleRecorder: Sendable {
  /// One application: the rule and the inputs it was called with.
  package struct Application: Sendable {
    package let rule: any CustomRule
    package let inputs: [Double]
  }

  @TaskLocal static var current: CustomRuleRecorder?

  private let applications = Mutex<[Application]>([])

  init() {}

  /// Runs `body` and returns its result with the rules it applied, in order (a rule used inside
  /// another rule's value comes before it).
  package static func recording<Result>(_ body: () throws -> Result) rethrows -> (Result, [Application]) {
    let recorder = CustomRuleRecorder()
    let result = try $current.withValue(recorder) { try body() }
    return (result, recorder.applications.withLock { $0 })
  }

  /// Records the application when a recording is running.
  @usableFromInline
  package static func recordIfActive<R: CustomRule, T: ADScalar>(_ rule: R, at x: [T]) {
    guard let recorder = current else { return }
    let inputs = x.map { Double($0.primal) }
    recorder.applications.withLock { $0.append(Application(rule: rule, inputs: inputs)) }
  }
}
