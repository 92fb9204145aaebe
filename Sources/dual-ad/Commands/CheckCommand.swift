import ArgumentParser
import GradientCheck

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Forward and reverse mode against GSL's numerical derivatives, entry by entry (GradientCheck's report). Exits 1 when the check fails or is inconclusive.",
    discussion: """
      Example: dual-ad check 'logsumexp(x)' --at x=1000,1001,999
      Each entry is pass, mismatch, kink (GSL's one-sided differences disagree; AD lies between them) or
      non-finite; the check is passed, failed or inconclusive. f is evaluated three times at the point
      (--nondet-tol), and the Taylor test's slope is reported. --fast checks K random direction pairs
      instead of every entry: O(K) evaluations of f whatever the number of inputs.
      --mode forward or reverse checks one mode; all (the default) both.
      """)

  @OptionGroup var options: CommonOptions

  @Flag(help: "Check random direction pairs (u, v) instead of every entry: vᵀJu by forward mode, reverse mode and GSL.")
  var fast = false

  @Option(help: "With --fast: how many direction pairs (default 4).")
  var directions: Int?

  @Option(help: "The seed of the random directions (adjoint identity, Taylor test, --fast).")
  var seed: UInt64?

  @Option(name: .customLong("nondet-tol"), help: "How far f(x) may differ between evaluations at the point (default 0).")
  var nondeterminismTolerance: Double?

  @Flag(help: "Run a full check even when its estimated time is beyond the cost guard's limit.")
  var force = false

  func run() throws {
    try check()
  }

  private func checkOptions() throws(CommandFailure) -> CheckOptions {
    if let directions, !fast {
      throw .badInput("--directions \(directions) needs --fast; add --fast, or drop --directions for the full check")
    }
    if fast, force { throw .badInput("--force is for the full check's cost guard and cannot be combined with --fast; drop one") }
    if let directions, directions < 1 {
      throw .badInput("--directions must be 1 or more, but it is \(directions); pass how many direction pairs to check")
    }
    if let t = nondeterminismTolerance, !(t >= 0) || !t.isFinite {
      throw .badInput("--nondet-tol must be a finite number of 0 or more, but it is \(t)")
    }
    let modes: DifferentiationModes
    switch options.mode {
    case .all: modes = .both
    case .forward: modes = .forward
    case .reverse: modes = .reverse
    case .numeric: throw .badInput("check compares automatic modes with GSL; use --mode forward, reverse or all")
    }
    return CheckOptions(
      modes: modes, directions: fast ? (directions ?? CheckOptions.defaultDirections) : nil, seed: seed,
      nondeterminismTolerance: nondeterminismTolerance ?? 0, force: force)
  }

  private func check() throws(CommandFailure) {
    let settings = try checkOptions()
    let problem = try options.problem()
    let outcome = try numericBackend.check(of: problem.function, at: problem.point, options: settings)
    print(options.json ? outcome.json(problem: problem) : outcome.report.description)
    switch outcome.report.verdict {
    case .passed: return
    case .failed:
      if !outcome.report.mismatches.isEmpty {
        throw .disagreement("the check failed: some derivatives disagree with GSL beyond tolerance (see the report)")
      }
      throw .disagreement("the check failed: \(outcome.report.failures.joined(separator: ", ")) (see the report)")
    case .inconclusive:
      let open = outcome.report.entries.filter { $0.verdict == .nonFinite || $0.verdict == .undecided }.count
        + (outcome.report.directions ?? []).filter { $0.verdict == .nonFinite || $0.verdict == .undecided }.count
      throw .disagreement(
        "the check is inconclusive: \(open) \(outcome.report.directions == nil ? "entries" : "directions") could not be compared (non-finite or undecided; see the report)")
    }
  }
}

/// What `check` asks of the numeric backend.
struct CheckOptions {
  static let defaultDirections = 4
  var modes: DifferentiationModes
  /// nil for the full check.
  var directions: Int?
  var seed: UInt64?
  var nondeterminismTolerance: Double
  var force: Bool
}
