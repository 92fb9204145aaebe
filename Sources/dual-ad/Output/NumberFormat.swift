import Foundation

/// How numbers are written: shortest round-trip in JSON, 15 significant digits on a terminal.
enum NumberFormat {
  /// A JSON value: the shortest decimal that reads back as the same Double, or the strings
  /// "nan", "inf", "-inf" for non-finite numbers.
  static func json(_ x: Double) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    return x.description
  }

  /// For people: 15 significant digits, so that 1.2000000000000002 reads 1.2; no trailing ".0".
  static func text(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    let rounded = Double(String(format: "%.15g", x)) ?? x
    var s = rounded.description
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
  }

  /// A difference or an error: 3 significant digits.
  static func difference(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return "inf" }
    if x == 0 { return "0" }
    return String(format: "%.3g", x)
  }

  static func list(_ xs: [Double]) -> String { xs.map(text).joined(separator: ", ") }
}
