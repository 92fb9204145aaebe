import Foundation

/// A bar from the issue: a ratio that must stay at most (or at least) a limit.
struct Bar {
  let name: String
  let value: Double
  let limit: Double
  let atMost: Bool
  var met: Bool { atMost ? value <= limit : value >= limit }
}

/// The generated part of BENCHMARKS.md, printed as it is made; plus the chart's CSV and the
/// data the JAX peer script reads.
final class Report {
  private(set) var markdown: [String] = []
  private(set) var bars: [Bar] = []
  var chartRows: [String] = ["n,tool,seconds"]
  var exported: [String: Any] = [:]

  func add(_ text: String) {
    markdown.append(text)
    print(text)
  }

  func heading(_ title: String) { add("\n### \(title)\n") }

  func table(_ header: [String], _ rows: [[String]]) {
    add("| " + header.joined(separator: " | ") + " |")
    add("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
    for row in rows { add("| " + row.joined(separator: " | ") + " |") }
    add("")
  }

  func bar(_ name: String, _ value: Double, atMost limit: Double) {
    record(Bar(name: name, value: value, limit: limit, atMost: true))
  }

  func bar(_ name: String, _ value: Double, atLeast limit: Double) {
    record(Bar(name: name, value: value, limit: limit, atMost: false))
  }

  private func record(_ bar: Bar) {
    bars.append(bar)
    // Printed only: the generated section lists every bar in one table at its top.
    print("- bar: \(bar.name) = \(ratio(bar.value)) (\(bar.atMost ? "≤" : "≥") \(ratio(bar.limit))): **\(bar.met ? "met" : "missed")**")
  }

  func chart(n: Int, tool: String, seconds: Double) { chartRows.append("\(n),\(tool),\(seconds)") }

  /// The bars as a table, for the top of the generated section.
  var barTable: [String] {
    ["| bar | measured | limit | |", "|---|---|---|---|"]
      + bars.map { "| \($0.name) | \(ratio($0.value)) | \($0.atMost ? "≤" : "≥") \(ratio($0.limit)) | \($0.met ? "met" : "**missed**") |" }
  }

  func write(markdownTo path: String, header: [String]) throws {
    let text = (header + ["", "#### Bars", ""] + barTable + markdown).joined(separator: "\n") + "\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}

nonisolated(unsafe) let report = Report()

/// "1.23 µs".
func seconds(_ s: Double) -> String {
  if !s.isFinite { return "–" }
  let (value, unit) = s < 1e-6 ? (s * 1e9, "ns") : s < 1e-3 ? (s * 1e6, "µs") : s < 1 ? (s * 1e3, "ms") : (s, "s")
  return String(format: value < 10 ? "%.2f %@" : value < 100 ? "%.1f %@" : "%.0f %@", value, unit)
}

/// "3.4×".
func ratio(_ x: Double) -> String {
  if !x.isFinite { return "–" }
  if x < 0.1 { return String(format: "%.2g×", x) }  // two significant digits, not 0.00×
  return String(format: x < 10 ? "%.2f×" : x < 100 ? "%.1f×" : "%.0f×", x)
}

/// "min (median)".
func cell(_ t: Timing) -> String { "\(seconds(t.minimum)) (\(seconds(t.median)))" }

/// Ratio of minima, with the ratio of medians in parentheses.
func ratioCell(_ a: Timing, _ b: Timing) -> String {
  "\(ratio(a.minimum / b.minimum)) (\(ratio(a.median / b.median)))"
}

func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
  guard a.count == b.count else { return .infinity }
  return zip(a, b).map { Swift.abs($0 - $1) / Swift.max(Swift.abs($1), 1) }.max() ?? 0
}

/// A check before timing: the workload stops the run when its result disagrees.
struct CheckFailure: Error, CustomStringConvertible {
  let description: String
}

func check(_ what: String, _ error: Double, below tolerance: Double) throws {
  guard error < tolerance else {
    throw CheckFailure(description: "\(what): max relative difference \(error) ≥ \(tolerance); not timed")
  }
  print("  check: \(what): max relative difference \(String(format: "%.1e", error))")
}
