import Foundation

/// ANSI colour when standard output is a terminal, plain text when it is piped.
struct Style {
  let enabled: Bool

  static let terminal = Style(enabled: isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)

  func green(_ s: String) -> String { wrap(s, "32") }
  func red(_ s: String) -> String { wrap(s, "1;31") }
  func bold(_ s: String) -> String { wrap(s, "1") }
  func dim(_ s: String) -> String { wrap(s, "2") }

  private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

/// Right-aligns s in a column of the given width (left-aligns when `left`).
func column(_ s: String, _ width: Int, left: Bool = false) -> String {
  let fill = String(repeating: " ", count: Swift.max(0, width - s.count))
  return left ? s + fill : fill + s
}

/// %g: six significant digits, so 2.2000000000000002 prints as 2.2.
func g(_ x: Double) -> String { String(format: "%g", x) }

/// [a, b, c] with %g entries.
func vector(_ v: [Double]) -> String { "[" + v.map(g).joined(separator: ", ") + "]" }

/// One matrix row per line, columns aligned, indented.
func matrix(_ m: [[Double]], indent: String = "    ") -> String {
  let width = m.flatMap { $0.map { g($0).count } }.max() ?? 1
  return m.map { row in indent + "[" + row.map { column(g($0), width) }.joined(separator: "  ") + "]" }
    .joined(separator: "\n")
}
