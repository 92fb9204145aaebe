import ArgumentParser
import DualAD

struct HessianCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hessian",
    abstract: "The Hessian of a scalar expression: a square matrix over every input, flattened in --at order.",
    discussion: """
      Example: dual-ad hessian 'sum(x^3)' --at x=1,2   (diag(6, 12) from every mode)
      numeric differentiates the reverse-mode gradient with GSL's finite differences.
      The numeric and forward-over-forward Hessians cost O(n²): the time is estimated first, and a run
      estimated beyond 30 s is refused unless --force is given; a progress line shows on a terminal.
      """)

  @Argument(help: CommonOptions.expressionHelp)
  var expression: String

  @Option(name: .customLong("at"), parsing: .unconditionalSingleValue, help: CommonOptions.atHelp)
  var at: [String] = []

  @Option(help: "forward-over-reverse, forward-over-forward, numeric (GSL differences of the gradient), or all: the modes side by side with their largest difference.")
  var mode: HessianModeOption = .all

  @Flag(help: CommonOptions.jsonHelp)
  var json = false

  @Flag(help: "Run even when the estimated time is beyond the cost guard's limit (30 s).")
  var force = false

  func run() throws {
    try hessian()
  }

  private func hessian() throws(CommandFailure) {
    let problem = try Problem(expression: expression, at: at)
    let f = problem.function, x = problem.point
    guard f.outputCount == 1 else {
      throw .badInput(
        "the expression given to hessian should return a single element, but it returns \(f.outputCount) (shape \(f.outputShape.dimensions)); reduce it with sum(...), or use jacobian")
    }
    guard !x.isEmpty else { throw .badInput(DifferentiationError.emptyInput(operator: "hessian").description) }
    let modes = mode.modes
    var numericNote: String?
    let estimate = CostGuard(f, at: x, measureGradient: true).hessian(modes)
    let quadratic = modes.filter { $0 == .numeric || $0 == .forwardOverForward }
    try CostGuard.check(
      estimate, what: "the \(x.count) × \(x.count) Hessian by \(quadratic.map(\.rawValue).joined(separator: " and "))",
      advice: "use --mode forward-over-reverse to skip the numeric and nested-dual Hessians", force: force)
    let progress = ProgressLine("hessian", estimate: estimate)
    defer { progress.finish() }
    var results: [ModeResult] = []
    for m in modes {
      do {
        results.append(try hessian(m, of: problem))
      } catch where mode == .all && m == .numeric {
        // The automatic modes still answer where finite differences cannot.
        numericNote = "numeric: \(error.message)"
      }
    }
    let agreement = Agreement(results)
    let report = Report(
      quantity: .hessian, option: mode.rawValue, shape: f.outputShape, value: f.evaluate(x),
      results: results, entryLabels: f.inputLabels, agreement: agreement, numericNote: numericNote)
    print(json ? report.json : report.text)
    if !agreement.agree {
      throw .disagreement(
        "the modes disagree: max difference \(NumberFormat.difference(agreement.maxDifference)) is beyond tolerance")
    }
  }

  private func hessian(_ m: Mode, of problem: Problem) throws(CommandFailure) -> ModeResult {
    let f = problem.function, x = problem.point
    let automatic: HessianMode
    switch m {
    case .forwardOverReverse: automatic = .forwardOverReverse
    case .forwardOverForward: automatic = .forwardOverForward
    case .numeric:
      let estimate = try numericBackend.hessian(of: f, at: x)
      return ModeResult(mode: m, rows: estimate.values, errors: estimate.errors)
    case .forward, .reverse:
      throw .badInput("\(m.rawValue) computes first derivatives; use forward-over-reverse or forward-over-forward")
    }
    do {
      return ModeResult(mode: m, rows: try f.hessian(at: x, mode: automatic), errors: nil)
    } catch {
      throw .badInput(error.description)
    }
  }
}
