import ArgumentParser

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Forward and reverse mode against GSL's numerical derivatives, entry by entry (GradientCheck's report). Exits 1 on a mismatch.",
    discussion: "Example: dual-ad check 'logsumexp(x)' --at x=1000,1001,999   (--mode is not used: check compares every mode)")

  @OptionGroup var options: CommonOptions

  func run() throws {
    try check()
  }

  private func check() throws(CommandFailure) {
    let problem = try options.problem()
    guard let numericBackend else { throw .badInput(numericUnavailable) }
    let outcome = try numericBackend.check(of: problem.function, at: problem.point)
    if options.json {
      var object = JSONObject()
      object.add("mode", "check")
      object.add("shape", integers: problem.function.outputShape.dimensions)
      object.add("value", numbers: problem.function.evaluate(problem.point))
      var modes = JSONObject()
      for (mode, jacobian) in outcome.jacobians {
        var entry = JSONObject()
        entry.add("jacobian", rows: jacobian)
        modes.add(mode.rawValue, raw: entry.json)
      }
      object.add("modes", raw: modes.json)
      object.add("max_difference", number: outcome.maxDifference)
      object.add("passed", raw: outcome.passed ? "true" : "false")
      for member in outcome.jsonMembers { object.add(member.key, raw: member.json) }
      print(object.json)
    } else {
      print(outcome.table)
    }
    if !outcome.passed {
      throw .disagreement("the check failed: some derivatives disagree with GSL beyond tolerance (see the report)")
    }
  }
}
