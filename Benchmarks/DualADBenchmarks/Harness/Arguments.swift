import ArgumentParser

/// The suite's command line.
struct BenchmarkArguments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "DualADBenchmarks",
    abstract: "Check every workload against an independent result, then time it beside its peers.",
    discussion: """
      Without a mode flag the suite runs and reports. --export FILE writes inputs and results for the \
      JAX peer, --serve gives it samples on request; --profile-reverse [N] [--iterations K], --profile-custom-rule [N] [--iterations K], \
      --profile-sum [N] [--iterations K], \
      --profile-gmm, --profile-logsumexp, --profile-logistic K and --profile-gmm-tensor K do fixed work for callgrind or perf.
      """)

  @Flag(help: "Short samples, for a smoke run.")
  var quick = false

  @Option(help: ArgumentHelp("Run the workloads whose id starts with one of the prefixes.", valueName: "PREFIX,..."))
  var only: String?

  @Option(help: ArgumentHelp("Write the report's tables to FILE.", valueName: "FILE"))
  var markdown: String?

  @Option(help: ArgumentHelp("Write the Rosenbrock chart's rows to FILE.", valueName: "FILE"))
  var csv: String?

  @Option(help: ArgumentHelp("Write the selected workloads' inputs and results to FILE, for the JAX peer.", valueName: "FILE"))
  var export: String?

  @Flag(help: "Serve samples on request (the JAX peer's interleaved timing).")
  var serve = false

  @Flag(help: "Fixed work for a profiler: Rosenbrock gradients (200 at n = 1 000, or as many terms at n = N).")
  var profileReverse = false

  @Argument(help: ArgumentHelp("The n of --profile-reverse.", valueName: "N"))
  var profileReverseTerms: Int?

  @Option(help: ArgumentHelp("The number of gradients of --profile-reverse.", valueName: "K"))
  var iterations: Int?

  @Flag(help: "Fixed work for a profiler: as --profile-reverse, each term one application of a BinaryRule.")
  var profileCustomRule = false

  @Flag(help: "Fixed work for a profiler: as --profile-reverse, the terms as one T.sum.")
  var profileSum = false

  @Flag(help: "Fixed work for a profiler: one GMM (10, 25) objective and one reverse gradient.")
  var profileGmm = false

  @Flag(help: "Fixed work for a profiler: 20 reverse gradients of log-sum-exp at n = 16 384.")
  var profileLogsumexp = false

  @Option(help: ArgumentHelp("Fixed work for a profiler: K tensor logistic steps, forward and backward.", valueName: "K"))
  var profileLogistic: Int?

  @Option(help: ArgumentHelp("Fixed work for a profiler: K gradients of GMM (64, 10) on tensors.", valueName: "K"))
  var profileGmmTensor: Int?

  /// The prefixes of `--only`, nil for every workload.
  var prefixes: [String]? { only?.split(separator: ",").map(String.init) }

  func validate() throws {
    if profileReverseTerms != nil, !profileReverse, !profileCustomRule, !profileSum {
      throw ValidationError("N is the n of --profile-reverse; write --profile-reverse N")
    }
  }
}
