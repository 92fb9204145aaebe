/// A named input value: a scalar, a vector or a matrix, with its elements row-major.
///
/// The command line writes inputs as `NAME=VALUE`, parsed by ``init(parsing:)``:
/// `x=1.5` (a scalar), `x=1,2,3` (a vector), `w=[[1,2],[3,4]]` (a matrix, as a JSON nested array;
/// `[1,2,3]` is a vector).
public struct Input: Equatable, Sendable {
  public let name: String
  public let shape: Shape
  /// The elements, row-major; `values.count == shape.count`.
  public let values: [Double]

  /// An input with the given elements; `values` must have `shape.count` elements.
  ///
  /// - Throws: ``ExpressionError`` when the count does not match the shape.
  public init(name: String, shape: Shape, values: [Double]) throws(ExpressionError) {
    guard values.count == shape.checkedCount else {
      throw ExpressionError(
        .malformedValue(name: name, reason: "\(values.count) elements do not fill shape \(shape)"),
        column: nil, source: name)
    }
    self.name = name
    self.shape = shape
    self.values = values
  }

  /// Parses `NAME=VALUE`.
  ///
  /// - Throws: ``ExpressionError`` with kind `malformedBinding` or `malformedValue`.
  public init(parsing binding: String) throws(ExpressionError) {
    guard let equals = binding.firstIndex(of: "="),
      case let name = binding[..<equals].trimmingSpaces, Self.isName(name)
    else {
      throw ExpressionError(.malformedBinding(binding), column: nil, source: binding)
    }
    let text = binding[binding.index(after: equals)...].trimmingSpaces
    let (shape, values) = try Self.parseValue(text, name: name)
    try self.init(name: name, shape: shape, values: values)
  }

  static func isName(_ s: String) -> Bool {
    guard let first = s.first, first.isLetter || first == "_" else { return false }
    return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }

  private static func parseValue(_ text: String, name: String) throws(ExpressionError) -> (Shape, [Double]) {
    func fail(_ reason: String) -> ExpressionError {
      ExpressionError(.malformedValue(name: name, reason: reason), column: nil, source: text)
    }
    if text.isEmpty { throw fail("the value is empty") }
    if text.first == "[" {
      var reader = NestedArrayReader(characters: Array(text))
      guard let array = reader.read(), reader.atEnd else {
        throw fail("'\(text)' is not a JSON array of numbers")
      }
      switch array {
      case .number:
        throw fail("'\(text)' is not an array")
      case .array(let items):
        if items.isEmpty { throw fail("the array is empty") }
        if items.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
          return (.vector(items.count), items.compactMap(\.number))
        }
        var rows: [[Double]] = []
        for item in items {
          guard case .array(let row) = item, !row.isEmpty else { throw fail("mixes numbers and arrays, or has an empty row") }
          let numbers = row.compactMap(\.number)
          guard numbers.count == row.count else { throw fail("arrays nested deeper than a matrix are not supported") }
          rows.append(numbers)
        }
        let columns = rows[0].count
        if let bad = rows.firstIndex(where: { $0.count != columns }) {
          throw fail("row \(bad + 1) has \(rows[bad].count) elements but row 1 has \(columns); a matrix needs rows of one length")
        }
        return (.matrix(rows: rows.count, columns: columns), rows.flatMap { $0 })
      }
    }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    var values: [Double] = []
    for (i, part) in parts.enumerated() {
      if part.isEmpty { throw fail("element \(i + 1) of '\(text)' is empty") }
      guard let value = parseNumber(part) else { throw fail("'\(part)' is not a number") }
      values.append(value)
    }
    return (values.count == 1 ? .scalar : .vector(values.count), values)
  }

  /// A decimal number, or nan, inf, -inf.
  static func parseNumber(_ text: String) -> Double? {
    let allowed = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
    if allowed { return Double(text) }
    switch text.lowercased() {
    case "nan": return .nan
    case "inf", "+inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return nil
    }
  }
}

/// A tiny reader for JSON nested arrays of numbers.
private struct NestedArrayReader {
  indirect enum Item {
    case number(Double)
    case array([Item])
    var number: Double? { if case .number(let x) = self { return x } else { return nil } }
  }

  let characters: [Character]
  var i = 0
  var depth = 0

  var atEnd: Bool {
    mutating get {
      skipSpaces()
      return i == characters.count
    }
  }

  mutating func skipSpaces() {
    while i < characters.count, characters[i].isWhitespace { i += 1 }
  }

  mutating func read() -> Item? {
    skipSpaces()
    guard i < characters.count else { return nil }
    if characters[i] == "[" {
      depth += 1
      defer { depth -= 1 }
      guard depth <= 3 else { return nil }
      i += 1
      var items: [Item] = []
      skipSpaces()
      if i < characters.count, characters[i] == "]" {
        i += 1
        return .array(items)
      }
      while true {
        guard let item = read() else { return nil }
        items.append(item)
        skipSpaces()
        guard i < characters.count else { return nil }
        if characters[i] == "," { i += 1; continue }
        if characters[i] == "]" { i += 1; return .array(items) }
        return nil
      }
    }
    let start = i
    while i < characters.count, !characters[i].isWhitespace, characters[i] != ",", characters[i] != "]" { i += 1 }
    return Input.parseNumber(String(characters[start..<i])).map(Item.number)
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
