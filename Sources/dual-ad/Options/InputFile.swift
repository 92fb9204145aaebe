import DualADExpressions
import Foundation

/// `--at NAME=@PATH` and `--at NAME=@-`: a value read from a file or from standard input.
///
/// The file holds a JSON array (a vector), nested arrays (a matrix), a single number, or
/// numbers separated by commas or whitespace (a vector). Every number must be finite: a NaN in
/// a file of a million numbers is a mistake, not a point to differentiate at.
enum InputFile {
  /// The input for `NAME=@SOURCE`, or nil when the binding does not read a file.
  static func input(parsing binding: String) throws(CommandFailure) -> Input? {
    guard let equals = binding.firstIndex(of: "=") else { return nil }
    let name = binding[..<equals].trimmingCharacters(in: .whitespaces)
    let value = binding[binding.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    guard value.hasPrefix("@") else { return nil }
    let source = String(value.dropFirst())
    guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
    else { throw .badInput("'\(name)' in --at \(binding) is not a variable name; use NAME=@PATH") }
    let label = source == "-" ? "standard input" : "'\(source)'"
    let data: Data
    if source == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else if source.isEmpty {
      throw .badInput("--at \(name)=@ names no file; use \(name)=@PATH, or \(name)=@- for standard input")
    } else {
      guard let contents = FileManager.default.contents(atPath: source) else {
        throw .badInput("cannot read \(label) for input \(name); pass a readable file")
      }
      data = contents
    }
    let (shape, values) = try parse(Array(data), label: "\(label) (input \(name))")
    do {
      return try Input(name: name, shape: shape, values: values)
    } catch {
      throw .badInput(error.message)
    }
  }

  /// Numbers and their shape from the bytes of a file.
  static func parse(_ bytes: [UInt8], label: String) throws(CommandFailure) -> (Shape, [Double]) {
    var values: [Double] = []
    var rowLengths: [Int] = []
    var depth = 0, maximumDepth = 0, rowStart = 0
    var token: [UInt8] = []
    var separated = true  // no number since the last comma or '[': a comma now leaves an element empty

    func finishToken() throws(CommandFailure) {
      guard !token.isEmpty else { return }
      let text = String(decoding: token, as: UTF8.self)
      token.removeAll(keepingCapacity: true)
      guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }), let x = Double(text) else {
        let lower = text.lowercased()
        if ["nan", "inf", "+inf", "-inf", "infinity", "-infinity"].contains(lower) {
          throw .badInput("element \(values.count) of \(label) is \(lower); an input file must hold finite numbers")
        }
        throw .badInput("'\(text.prefix(20))' in \(label) is not a number; write numbers separated by commas or whitespace, or a JSON array")
      }
      guard x.isFinite else {
        throw .badInput("element \(values.count) of \(label) is \(text), beyond the range of a Double; an input file must hold finite numbers")
      }
      values.append(x)
      separated = false
    }

    for byte in bytes {
      switch byte {
      case UInt8(ascii: "["):
        try finishToken()
        depth += 1
        maximumDepth = Swift.max(maximumDepth, depth)
        guard depth <= 2 else { throw .badInput("\(label) nests arrays deeper than a matrix; write a vector or a matrix") }
        if depth == 2 { rowStart = values.count }
        separated = true
      case UInt8(ascii: "]"):
        try finishToken()
        guard depth > 0 else { throw .badInput("\(label) has a ']' without its '['; write a JSON array") }
        if depth == 2 { rowLengths.append(values.count - rowStart) }
        depth -= 1
      case UInt8(ascii: ","):
        try finishToken()
        if separated { throw .badInput("element \(values.count) of \(label) is empty (two commas in a row); write one number between commas") }
        separated = true
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        try finishToken()
      default:
        token.append(byte)
      }
    }
    try finishToken()
    guard depth == 0 else { throw .badInput("\(label) has a '[' without its ']'; write a JSON array") }
    guard !values.isEmpty else { throw .badInput("\(label) holds no numbers; write numbers separated by commas or whitespace, or a JSON array") }
    if maximumDepth == 2 {
      guard let columns = rowLengths.first, rowLengths.allSatisfy({ $0 == columns }), columns > 0,
        rowLengths.reduce(0, +) == values.count
      else { throw .badInput("the rows of \(label) differ in length or mix numbers and arrays; a matrix needs rows of one length") }
      return (.matrix(rows: rowLengths.count, columns: columns), values)
    }
    return (values.count == 1 && maximumDepth == 0 ? .scalar : .vector(values.count), values)
  }
}
