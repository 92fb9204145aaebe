// The verification report: every function of the catalogue in forward and reverse mode against
// GSL's numerical differentiation, then the seed cases explained with live numbers.
import ArgumentParser
import DualAD
import DualADTensor
import Foundation
import GradientCheck

/// The command line, parsed as the `dual-ad` command's is.
struct Options: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "Verification",
    abstract: "Every function of the catalogue in forward and reverse mode against GSL, then the seed cases.",
    discussion: "Exit status: 0 when every function passes, 1 when one fails, 2 on bad arguments.")

  @Flag(help: "Print the results as JSON.")
  var json = false

  @Option(help: ArgumentHelp(
    """
    Run only the functions whose name contains NAME (case-insensitive); "seed cases" or "tensor" \
    selects the tensor API's seed-case table, "kinks" the kinks section, "fast mode" the fast check of 10⁶ inputs, \
    "custom" the custom rules and Swift's registered derivatives.
    """, valueName: "NAME"))
  var filter: String?

  @Flag(help: "Print the names of the functions and exit.")
  var list = false
}

/// Prints one line on standard error and exits with status 2.
func badArguments(_ message: String) -> Never {
  FileHandle.standardError.write(Data("Verification: \(message); run with --help for usage\n".utf8))
  exit(2)
}

/// The options, or help and exit 0, or one line and exit 2.
func parse(_ arguments: [String]) -> Options {
  do {
    return try Options.parse(arguments)
  } catch {
    if Options.exitCode(for: error) == .success {
      print(Options.fullMessage(for: error))
      exit(0)
    }
    var message = Options.message(for: error)
    if message.hasSuffix(".") { message.removeLast() }
    badArguments(message)
  }
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
var cases = catalogue()
var hessianCases = hessianCatalogue()
if options.list {
  print((cases.map(\.name) + hessianCases.map(\.name) + ["kinks", "fast mode", "custom rules", "seed cases (tensor API)"]).joined(separator: "\n"))
  exit(0)
}
/// The tensor seed-case table runs without a filter, or with one that names it ("seed", "tensor").
let runsSeedCases = options.filter.map { filter in
  ["seed cases", "tensor"].contains { $0.localizedCaseInsensitiveContains(filter) }
} ?? true
if let filter = options.filter {
  cases = cases.filter { $0.name.localizedCaseInsensitiveContains(filter) }
  hessianCases = hessianCases.filter { $0.name.localizedCaseInsensitiveContains(filter) }
  if cases.isEmpty && hessianCases.isEmpty && !runsSeedCases
    && !["kinks", "fast mode", "custom rules"].contains(where: { $0.localizedCaseInsensitiveContains(filter) })
  {
    badArguments("no function matches --filter '\(filter)'; see --list")
  }
}

var results: [CaseResult] = []
var hessianResults: [CaseResult] = []
var failures: [String] = []
for verificationCase in cases {
  do {
    results.append(try run(verificationCase))
  } catch {
    failures.append(error.description)
  }
}
for hessianCase in hessianCases {
  do {
    hessianResults.append(try run(hessianCase))
  } catch {
    failures.append(error.description)
  }
}
var seedRows: [SeedCaseResult] = []
if runsSeedCases {
  do {
    seedRows = try tensorSeedCases()
  } catch {
    failures.append("tensor seed cases: \(error.description)")
  }
}
/// The kinks and the fast mode run with the whole report, or with a filter that names them.
let runsSection = { (words: [String]) in
  options.filter.map { filter in words.contains { $0.localizedCaseInsensitiveContains(filter) } } ?? true
}
var kinks: [KinkRow] = []
if runsSection(["kinks"]) {
  do { kinks = try kinkRows() } catch { failures.append("kinks: \(error.description)") }
}
var fastRows: [FastModeRow] = []
if runsSection(["fast mode"]) {
  do { fastRows = [try fastModeRow()] } catch { failures.append("fast mode: \(error.description)") }
}
var customRows: [CustomRuleRow] = []
if runsSection(["custom rules"]) {
  do { customRows = try customRuleRows() } catch { failures.append(error.description) }
}
let allResults = results + hessianResults
let allPassed = failures.isEmpty && allResults.allSatisfy(\.passed) && seedRows.allSatisfy(\.passed)
  && kinks.allSatisfy(\.passed) && fastRows.allSatisfy(\.passed) && customRows.allSatisfy(\.passed)

if options.json {
  struct Output: Codable {
    let passed: Bool
    let functions: [CaseResult]
    let kinks: [KinkRow]
    let fastMode: [FastModeRow]
    let seedCases: [SeedCaseResult]
    let customRules: [CustomRuleRow]
    let errors: [String]
  }
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  do {
    let data = try encoder.encode(Output(passed: allPassed, functions: allResults, kinks: kinks, fastMode: fastRows, seedCases: seedRows, customRules: customRows, errors: failures))
    print(String(decoding: data, as: UTF8.self))
  } catch {
    FileHandle.standardError.write(Data("Verification: could not encode JSON: \(error)\n".utf8))
    exit(1)
  }
  exit(allPassed ? 0 : 1)
}

let style = Style.terminal
let nameWidth = Swift.max(8, allResults.map(\.name.count).max() ?? 8)

/// The summary table: one row per function, the same columns for Jacobians and Hessians.
func printTable(_ rows: [CaseResult], modes: String, consistency: String) {
  print(style.bold(
    column("function", nameWidth, left: true) + column("shape", 7) + column(modes, 17)
      + column("max |AD − GSL|", 16) + column("err/tol", 9) + column(consistency, 10) + column("Taylor", 7)
      + column("closed form", 13) + "  verdict"))
  for r in rows {
    let expectations = r.expectations.isEmpty ? "—" : "\(r.expectations.filter(\.passed).count)/\(r.expectations.count)"
    let verdict = r.passed ? style.green("PASS") : style.red("FAIL")
    let consistent = r.order == 2 ? (r.symmetryPassed ?? true) : r.adjointPassed
    print(
      column(r.name, nameWidth, left: true) + column(r.shape, 7) + column(String(format: "%.1e", r.maxModeDifference), 17)
        + column(String(format: "%.1e", r.maxErrorAgainstGSL), 16) + column(String(format: "%.1g", r.worstToleranceRatio), 9)
        + column(consistent ? "ok" : "BROKEN", 10) + column(r.taylorSlope.map { String(format: "%.2f", $0) } ?? "exact", 7)
        + column(expectations, 13) + "  " + verdict
        + (r.nonFiniteEntries > 0 ? style.dim(" (\(r.nonFiniteEntries) non-finite)") : ""))
  }
}

if !results.isEmpty {
  print(style.bold("DualAD verification: forward and reverse mode against GSL numerical differentiation"))
  print(style.dim("Each entry must satisfy |AD − GSL| ≤ 10·abserr + 1e-9 + 1e-6·|GSL|; adjoint: ⟨u, vjp(v)⟩ = ⟨jvp(u), v⟩."))
  print()
  printTable(results, modes: "max |fwd − rev|", consistency: "adjoint")
  print()
}
if !hessianResults.isEmpty {
  print(style.bold("Hessians: forward-over-reverse and forward-over-forward against GSL differences of the reverse-mode gradient"))
  print(style.dim("Same tolerance per entry Hᵢⱼ; symmetric: (H·eⱼ)ᵢ = (H·eᵢ)ⱼ for unsymmetrized Hessian-vector products; closed form: both modes."))
  print()
  printTable(hessianResults, modes: "max |FoR − FoF|", consistency: "symmetric")
  print()
}
if !kinks.isEmpty {
  print(style.bold("Kinks: GSL's one-sided differences (gsl_deriv_backward, gsl_deriv_forward) and AD's choice"))
  print(style.dim("A kink: the sides differ beyond 10·(abserr⁻ + abserr⁺) + 1e-9 + 1e-6·max|side|; AD passes between them."))
  print()
  let nameWidth = kinks.map(\.name.count).max() ?? 8
  print(style.bold(column("function", nameWidth, left: true) + column("entry", 7) + column("left", 12) + column("right", 12)
    + column("expected", 12) + column("AD", 8) + column("AD verdict", 12) + "  sides"))
  for k in kinks {
    print(
      column(k.name, nameWidth, left: true) + column(k.entry, 7) + column(String(format: "%.6f", k.left + 0), 12)
        + column(String(format: "%.6f", k.right + 0), 12) + column(vector(k.expected), 12) + column(g(k.ad), 8)
        + column(k.verdict, 12) + "  " + (k.passed ? style.green("PASS") : style.red("FAIL")))
  }
  print()
}
for row in fastRows {
  print(style.bold("Fast mode: \(row.directions) random direction pairs, vᵀJu by forward mode, reverse mode and GSL"))
  print(
    "\(row.name), n = \(row.inputs): \(row.verdict) in \(String(format: "%.2f", row.seconds)) s (one evaluation of f "
      + "\(String(format: "%.1f", row.evaluationSeconds * 1e3)) ms; the full check, about 103·n evaluations, would take "
      + "\(String(format: "%.0f", row.fullCheckSeconds / 3600)) h), Taylor slope "
      + (row.taylorSlope.map { String(format: "%.2f", $0) } ?? "exact") + "  " + (row.passed ? style.green("PASS") : style.red("FAIL")))
  print()
}
if !customRows.isEmpty { printCustomRuleRows(customRows, style: style) }
if !seedRows.isEmpty {
  print(style.bold("The seed cases through the PyTorch-style Tensor API, against the figures PyTorch prints"))
  print()
  let caseWidth = seedRows.map(\.name.count).max() ?? 8, checkWidth = seedRows.map(\.check.count).max() ?? 8
  print(style.bold(column("case", caseWidth, left: true) + "  " + column("check", checkWidth, left: true) + "  result"))
  for row in seedRows {
    let verdict = row.passed ? style.green("PASS") : style.red("FAIL (expected \(row.expected))")
    print(column(row.name, caseWidth, left: true) + "  " + column(row.check, checkWidth, left: true) + "  " + row.computed + "  " + verdict)
  }
  print()
}
let passedCount = allResults.filter(\.passed).count
let seedSummary = seedRows.isEmpty ? "" : "; \(seedRows.filter(\.passed).count) of \(seedRows.count) seed-case checks pass"
let kinkSummary = kinks.isEmpty ? "" : "; \(kinks.filter(\.passed).count) of \(kinks.count) kinks found"
let counted = customRows.filter { !$0.demonstration }
let customSummary = customRows.isEmpty ? "" : "; \(counted.filter(\.passed).count) of \(counted.count) custom rules and Swift derivatives pass, \(customRows.filter { $0.demonstration && $0.passed }.count) of \(customRows.count - counted.count) wrong ones caught"
let summary = "\(passedCount) of \(cases.count + hessianCases.count) functions pass" + kinkSummary + seedSummary + customSummary
print(allPassed ? style.green(summary) : style.red(summary))
for failure in failures { print(style.red("error: ") + failure) }
for r in allResults where !r.passed {
  print()
  print(r.report)
  for e in r.expectations where !e.passed {
    print("closed form \(e.label): expected \(vector(e.expected)), AD gave \(vector(e.computed))")
  }
}

if options.filter == nil {
  print()
  do {
    print(try explanations(style: style))
    print()
    print(try perturbationConfusionExplanation(style: style))
  } catch {
    print(style.red("error: ") + error.description)
    exit(1)
  }
}
exit(allPassed ? 0 : 1)
