import DualADExpressions

/// What a subcommand prints: the value, each mode's result, and how far the modes are apart.
struct Report {
  let quantity: Quantity
  /// The --mode value: one mode's name, or "all".
  let option: String
  let shape: Shape
  let value: [Double]
  let results: [ModeResult]
  /// Names of the entries of a vector result (inputs for gradient and vjp, outputs for jvp).
  let entryLabels: [String]
  let agreement: Agreement
  /// Why the numeric mode is missing from `--mode all`, if it is.
  let numericNote: String?

  /// The JSON contract: mode, shape, value, then the result (one mode) or modes and max_difference.
  var json: String {
    var object = JSONObject()
    object.add("mode", option)
    object.add("shape", integers: shape.dimensions)
    object.add("value", numbers: value)
    if option == "all" {
      var modes = JSONObject()
      for result in results {
        var entry = JSONObject()
        add(result, to: &entry)
        modes.add(result.mode.rawValue, raw: entry.json)
      }
      object.add("modes", raw: modes.json)
      object.add("max_difference", number: agreement.maxDifference)
      if let numericNote { object.add("note", numericNote) }
    } else if let result = results.first {
      add(result, to: &object)
    }
    return object.json
  }

  private func add(_ result: ModeResult, to object: inout JSONObject) {
    if quantity.isMatrix {
      object.add(quantity.rawValue, rows: result.rows)
    } else {
      object.add(quantity.rawValue, numbers: result.rows.first ?? [])
    }
  }

  /// One mode: the numbers alone (a vector on one line, a matrix one row per line).
  /// All modes: the value, the modes side by side, and the largest difference.
  var text: String {
    guard option == "all" else {
      return (results.first?.rows ?? []).map(NumberFormat.list).joined(separator: "\n")
    }
    var lines = ["value: " + NumberFormat.list(value), ""]
    if quantity.isMatrix {
      let rows = results.first?.rows.count ?? 0, columns = results.first?.rows.first?.count ?? 0
      if quantity == .hessian {
        lines.append("hessian: \(rows) × \(columns) (inputs × inputs, in --at order)")
      } else {
        lines.append("jacobian: \(rows) row\(rows == 1 ? "" : "s") (outputs) × \(columns) column\(columns == 1 ? "" : "s") (inputs)")
      }
      lines += TextTable.sideBySide(results.map { ($0.mode.rawValue, $0.rows) })
    } else {
      let title = quantity == .jvp ? "output" : "input"
      var table = [[title] + results.map(\.mode.rawValue)]
      for (i, label) in entryLabels.enumerated() {
        table.append([label] + results.map { $0.rows.first.flatMap { i < $0.count ? NumberFormat.text($0[i]) : nil } ?? "" })
      }
      lines += TextTable.aligned(table)
    }
    lines.append("")
    if let numericNote { lines.append("(\(numericNote))") }
    if agreement.nonFiniteAgainstNumeric > 0 {
      lines.append("(\(agreement.nonFiniteAgainstNumeric) non-finite entries not compared with numeric)")
    }
    let verdict = agreement.agree ? "the modes agree" : "the modes DISAGREE beyond tolerance"
    lines.append("max difference: \(NumberFormat.difference(agreement.maxDifference)) (\(verdict))")
    return lines.joined(separator: "\n")
  }
}

/// Columns of text padded to line up.
enum TextTable {
  static func aligned(_ rows: [[String]], gap: Int = 2) -> [String] {
    let width = rows.reduce(into: [Int]()) { widths, row in
      for (i, cell) in row.enumerated() {
        if i < widths.count { widths[i] = max(widths[i], cell.count) } else { widths.append(cell.count) }
      }
    }
    return rows.map { row in
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell.padding(to: width[i] + gap)
      }.joined()
    }
  }

  /// Matrices next to each other, each under its title.
  static func sideBySide(_ blocks: [(title: String, rows: [[Double]])], gap: Int = 4) -> [String] {
    let rendered = blocks.map { block -> [String] in
      [block.title] + aligned(block.rows.map { $0.map(NumberFormat.text) })
    }
    let widths = rendered.map { $0.map(\.count).max() ?? 0 }
    let height = rendered.map(\.count).max() ?? 0
    return (0..<height).map { line in
      rendered.enumerated().map { b, lines in
        let cell = line < lines.count ? lines[line] : ""
        return b == rendered.count - 1 ? cell : cell.padding(to: widths[b] + gap)
      }.joined()
    }.map { $0.trailingSpacesRemoved }
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  var trailingSpacesRemoved: String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
