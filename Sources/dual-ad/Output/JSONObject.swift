import Foundation

/// A JSON object written member by member, in a fixed key order.
struct JSONObject {
  private var members: [String] = []

  mutating func add(_ key: String, raw json: String) {
    members.append("\"\(key)\":\(json)")
  }

  mutating func add(_ key: String, _ value: String) {
    add(key, raw: Self.string(value))
  }

  /// A JSON string literal.
  static func string(_ value: String) -> String {
    "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  mutating func add(_ key: String, number: Double) { add(key, raw: NumberFormat.json(number)) }

  mutating func add(_ key: String, numbers: [Double]) { add(key, raw: Self.array(numbers)) }

  mutating func add(_ key: String, integers: [Int]) {
    add(key, raw: "[" + integers.map(String.init).joined(separator: ",") + "]")
  }

  mutating func add(_ key: String, rows: [[Double]]) {
    add(key, raw: "[" + rows.map(Self.array).joined(separator: ",") + "]")
  }

  var json: String { "{" + members.joined(separator: ",") + "}" }

  static func array(_ numbers: [Double]) -> String {
    "[" + numbers.map(NumberFormat.json).joined(separator: ",") + "]"
  }
}
