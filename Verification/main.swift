// The verification report: every function of the catalogue in forward and reverse mode against
// GSL's numerical differentiation, then the seed cases explained with live numbers.
import DualAD
import Foundation
import GradientCheck

let usage = """
  usage: Verification [--json] [--filter NAME] [--list] [--help]
    --json         print the results as JSON
    --filter NAME  run only the functions whose name contains NAME (case-insensitive)
    --list         print the names of the functions and exit
  exit status: 0 when every function passes, 1 when one fails, 2 on bad arguments
  """

struct Options {
  var json = false
  var filter: String?
  var list = false
}

/// Prints one line on standard error and exits with status 2.
func badArguments(_ message: String) -> Never {
  FileHandle.standardError.write(Data("Verification: \(message); run with --help for usage\n".utf8))
  exit(2)
}

func parse(_ arguments: [String]) -> Options {
  var options = Options()
  var rest = arguments[...]
  while let argument = rest.popFirst() {
    switch argument {
    case "--json": options.json = true
    case "--list": options.list = true
    case "--help", "-h":
      print(usage)
      exit(0)
    case "--filter":
      guard let name = rest.popFirst(), !name.hasPrefix("--") else { badArguments("--filter needs a NAME") }
      options.filter = name
    default:
      if argument.hasPrefix("--filter=") {
        options.filter = String(argument.dropFirst("--filter=".count))
      } else {
        badArguments("unknown argument '\(argument)'")
      }
    }
  }
  return options
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
var cases = catalogue()
if options.list {
  print(cases.map(\.name).joined(separator: "\n"))
  exit(0)
}
if let filter = options.filter {
  cases = cases.filter { $0.name.localizedCaseInsensitiveContains(filter) }
  if cases.isEmpty { badArguments("no function matches --filter '\(filter)'; see --list") }
}

var results: [CaseResult] = []
var failures: [String] = []
for verificationCase in cases {
  do {
    results.append(try run(verificationCase))
  } catch {
    failures.append(error.description)
  }
}
let allPassed = failures.isEmpty && results.allSatisfy(\.passed)

if options.json {
  struct Output: Codable {
    let passed: Bool
    let functions: [CaseResult]
    let errors: [String]
  }
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  do {
    let data = try encoder.encode(Output(passed: allPassed, functions: results, errors: failures))
    print(String(decoding: data, as: UTF8.self))
  } catch {
    FileHandle.standardError.write(Data("Verification: could not encode JSON: \(error)\n".utf8))
    exit(1)
  }
  exit(allPassed ? 0 : 1)
}

let style = Style.terminal
print(style.bold("DualAD verification: forward and reverse mode against GSL numerical differentiation"))
print(style.dim("Each entry must satisfy |AD − GSL| ≤ 10·abserr + 1e-9 + 1e-6·|GSL|; adjoint: ⟨u, vjp(v)⟩ = ⟨jvp(u), v⟩."))
print()
let nameWidth = Swift.max(8, results.map(\.name.count).max() ?? 8)
print(style.bold(
  column("function", nameWidth, left: true) + column("shape", 7) + column("max |fwd − rev|", 17)
    + column("max |AD − GSL|", 16) + column("err/tol", 9) + column("adjoint", 9) + column("closed form", 13) + "  verdict"))
for r in results {
  let expectations = r.expectations.isEmpty ? "—" : "\(r.expectations.filter(\.passed).count)/\(r.expectations.count)"
  let verdict = r.passed ? style.green("PASS") : style.red("FAIL")
  print(
    column(r.name, nameWidth, left: true) + column(r.shape, 7) + column(String(format: "%.1e", r.maxModeDifference), 17)
      + column(String(format: "%.1e", r.maxErrorAgainstGSL), 16) + column(String(format: "%.1g", r.worstToleranceRatio), 9)
      + column(r.adjointPassed ? "ok" : "BROKEN", 9) + column(expectations, 13) + "  " + verdict
      + (r.nonFiniteEntries > 0 ? style.dim(" (\(r.nonFiniteEntries) non-finite)") : ""))
}
print()
let passedCount = results.filter(\.passed).count
let summary = "\(passedCount) of \(cases.count) functions pass"
print(allPassed ? style.green(summary) : style.red(summary))
for failure in failures { print(style.red("error: ") + failure) }
for r in results where !r.passed {
  print()
  print(r.report)
  for e in r.expectations where !e.passed {
    print("closed form \(e.label): expected \(vector(e.expected)), reverse mode gave \(vector(e.computed))")
  }
}

if options.filter == nil {
  print()
  do {
    print(try explanations(style: style))
  } catch {
    print(style.red("error: ") + error.description)
    exit(1)
  }
}
exit(allPassed ? 0 : 1)
