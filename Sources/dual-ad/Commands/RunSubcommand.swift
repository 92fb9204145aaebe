import DualADExpressions

/// The steps every differentiating subcommand shares: compile, run each mode, print, compare.
func runSubcommand(
  _ options: CommonOptions, _ quantity: Quantity,
  compute: (Differentiation, Mode) throws(CommandFailure) -> ModeResult
) throws(CommandFailure) {
  let problem = try options.problem()
  let modes = options.mode.modes
  let differentiation = Differentiation(problem: problem, modes: modes)
  var results: [ModeResult] = []
  var numericNote: String?
  for mode in modes {
    do {
      results.append(try compute(differentiation, mode))
    } catch where options.mode == .all && mode == .numeric {
      // The automatic modes still answer where finite differences cannot (a point outside the domain).
      numericNote = "numeric: \(error.message)"
    }
  }
  let f = problem.function
  let labels: [String]
  switch quantity {
  case .jvp: labels = outputLabels(f.outputShape)
  default: labels = f.inputLabels
  }
  let agreement = Agreement(results)
  let report = Report(
    quantity: quantity, option: options.mode.rawValue, shape: f.outputShape, value: differentiation.value,
    results: results, entryLabels: labels, agreement: agreement, numericNote: numericNote)
  print(options.json ? report.json : report.text)
  if !agreement.agree {
    throw .disagreement(
      "the modes disagree: max difference \(NumberFormat.difference(agreement.maxDifference)) is beyond tolerance")
  }
}

/// `[0]`, `[1]`… for a vector output, `[i,j]` for a matrix, `value` for a scalar.
func outputLabels(_ shape: Shape) -> [String] {
  switch shape {
  case .scalar: return ["value"]
  case .vector(let n): return (0..<n).map { "[\($0)]" }
  case .matrix(let r, let c): return (0..<(r * c)).map { "[\($0 / c),\($0 % c)]" }
  }
}

/// The numbers of `--cotangent` or `--tangent`: comma-separated, or a JSON array (flattened).
/// A tangent or cotangent: finite numbers only, since one NaN or infinite weight turns the
/// products of every mode into NaN and the comparison of modes into noise.
func parseVector(_ text: String, name: String) throws(CommandFailure) -> [Double] {
  let values: [Double]
  do { values = try Input(parsing: "\(name)=\(text)").values } catch { throw .badInput(error.message) }
  if let i = values.firstIndex(where: { !$0.isFinite }) {
    throw .badInput("element \(i) of the \(name) is \(values[i]); pass finite numbers, one per \(name == "tangent" ? "input" : "output")")
  }
  return values
}
