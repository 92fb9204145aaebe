/// Why an expression could not be parsed, bound to its inputs or checked for shapes.
///
/// The ``message`` is one line that names the place (`at column N`) and says what to do;
/// ``diagnostic`` adds the source and a caret under the column:
/// ```
/// unknown function 'sinn' at column 1; did you mean 'sin'?
/// sinn(x)
/// ^
/// ```
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    case emptyExpression
    /// A source longer than ``Expression/maximumLength`` UTF-8 bytes.
    case tooLong(length: Int, limit: Int)
    case unexpectedCharacter(Character)
    case malformedNumber(String)
    case numberMissingOperator(number: String, name: String)
    case numberOutOfRange(String)
    /// A token that cannot stand where it is; `expected` says what could.
    case unexpectedToken(found: String, expected: String)
    /// A `(` or `[` that is never closed; `opening` is its column.
    case unclosed(bracket: Character, opening: Int)
    case unmatchedClosing(Character)
    case nestingTooDeep(limit: Int)
    case unknownFunction(name: String, suggestion: String?)
    case functionWithoutCall(name: String)
    case argumentCount(function: String, expected: Int, got: Int)
    case unboundVariable(name: String, suggestion: String?)
    case unusedInput(name: String, suggestion: String?)
    case duplicateInput(name: String)
    /// An input shape with a negative size, or more elements than an `Int` counts.
    case invalidShape(name: String, shape: Shape)
    /// A result (of broadcasting, matmul or a list) with more elements, or bytes, than an `Int` counts.
    case tooManyElements(shape: Shape)
    /// A result whose elements, at 8 bytes each, would exceed `StorageLimit.bytes` (the
    /// physical memory); refused when the expression is compiled, before anything is allocated.
    case cannotAllocate(shape: Shape, bytes: Int, limit: Int)
    /// Two shapes that do not broadcast (PyTorch's words).
    case shapeMismatch(operation: String, lhs: Shape, rhs: Shape, dimension: Int)
    case matmulShapes(lhs: Shape, rhs: Shape)
    case matmulScalar(lhs: Shape, rhs: Shape)
    case dotShapes(lhs: Shape, rhs: Shape)
    case targetShape(input: Shape, target: Shape)
    case listShapes(first: Shape, other: Shape, index: Int)
    case listTooDeep
    case emptyList
    /// A `NAME=VALUE` input that does not have that form.
    case malformedBinding(String)
    /// A value of a `NAME=VALUE` input that is not a number, vector or matrix.
    case malformedValue(name: String, reason: String)
  }

  public let kind: Kind
  /// The 1-based column in ``source`` where the problem is, when it has a place.
  public let column: Int?
  /// The expression (or the input binding) the column refers to.
  public let source: String

  public init(_ kind: Kind, column: Int?, source: String) {
    self.kind = kind
    self.column = column
    self.source = source
  }

  /// One line: what is wrong, where, and what to do.
  public var message: String {
    let at = column.map { " at column \($0)" } ?? ""
    switch kind {
    case .emptyExpression:
      return "empty expression; write one, e.g. 'sum(x^2)'"
    case .tooLong(let length, let limit):
      return "expression is \(length) bytes long, more than the limit of \(limit); split it into smaller expressions"
    case .unexpectedCharacter(let c):
      return "unexpected character '\(c)'\(at); use numbers, names, + - * / ^, parentheses, [ ] and commas"
    case .malformedNumber(let text):
      return "malformed number '\(text)'\(at); write numbers such as 2, 0.5 or 1e-3"
    case .numberMissingOperator(let number, let name):
      return "malformed number '\(number)\(name)'\(at); write \(number)*\(name) for a product"
    case .numberOutOfRange(let text):
      return "number '\(text)'\(at) is too large for a Double"
    case .unexpectedToken(let found, let expected):
      return "expected \(expected)\(at), but found \(found)"
    case .unclosed(let bracket, let opening):
      let closing = bracket == "(" ? ")" : "]"
      return "expected '\(closing)'\(at) to close the '\(bracket)' at column \(opening), but found end of input"
    case .unmatchedClosing(let c):
      return "unexpected '\(c)'\(at); it closes nothing"
    case .nestingTooDeep(let limit):
      return "expression nests deeper than \(limit) levels\(at); simplify it or split it in parts"
    case .unknownFunction(let name, let suggestion):
      return "unknown function '\(name)'\(at)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see the list of functions in the documentation")
    case .functionWithoutCall(let name):
      return "'\(name)'\(at) is a function; call it with arguments, e.g. \(name)(x)"
    case .argumentCount(let function, let expected, let got):
      return "\(function) takes \(expected) argument\(expected == 1 ? "" : "s") but got \(got)\(at)"
    case .unboundVariable(let name, let suggestion):
      return "variable '\(name)'\(at) has no value; give it one with --at \(name)=VALUE"
        + (suggestion.map { " (or did you mean '\($0)'?)" } ?? "")
    case .unusedInput(let name, let suggestion):
      return "input '\(name)' is not a variable of the expression"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "; remove it")
    case .duplicateInput(let name):
      return "input '\(name)' is given more than once; give each variable one value"
    case .invalidShape(let name, let shape):
      return "input '\(name)' has shape \(shape); every size must be 0 or more, and the number of elements must fit in an Int"
    case .tooManyElements(let shape):
      return "the result\(at) would have shape \(shape), more elements (or bytes) than an Int can count; use smaller inputs"
    case .cannotAllocate(let shape, let bytes, let limit):
      return "DefaultCPUAllocator: can't allocate memory: you tried to allocate \(bytes) bytes for the result\(at) "
        + "of shape \(shape), more than the \(limit) bytes of physical memory; use smaller inputs"
    case .shapeMismatch(let operation, let lhs, let rhs, let dimension):
      let a = lhs.dimensions, b = rhs.dimensions
      let rank = max(a.count, b.count)
      let sa = dimension - (rank - a.count), sb = dimension - (rank - b.count)
      let sizeA = sa >= 0 && sa < a.count ? a[sa] : 1, sizeB = sb >= 0 && sb < b.count ? b[sb] : 1
      return "the size of tensor a (\(sizeA)) must match the size of tensor b (\(sizeB)) at non-singleton dimension \(dimension) in '\(operation)'\(at); shapes \(lhs) and \(rhs) do not broadcast"
    case .matmulShapes(let lhs, let rhs):
      return "matmul: shapes cannot be multiplied (\(lhs.timesDescription) and \(rhs.timesDescription))\(at); the last size of the first must equal the first size of the second"
    case .matmulScalar(let lhs, let rhs):
      return "both arguments to matmul need to be at least 1D, but they are \(lhs.rank)D and \(rhs.rank)D\(at); use * to scale"
    case .dotShapes(let lhs, let rhs):
      if lhs.rank != 1 || rhs.rank != 1 {
        return "1D tensors expected, but got \(lhs.rank)D and \(rhs.rank)D tensors\(at); dot takes two vectors (use matmul for matrices)"
      }
      return "inconsistent tensor size, expected tensor \(lhs) and src \(rhs) to have the same number of elements, but got \(lhs.count) and \(rhs.count) elements respectively\(at)"
    case .targetShape(let input, let target):
      return "Target size (\(target)) must be the same as input size (\(input))\(at)"
    case .listShapes(let first, let other, let index):
      return "list elements must all have one shape, but element 1 has shape \(first) and element \(index) has shape \(other)\(at)"
    case .listTooDeep:
      return "lists of matrices are not supported\(at); values have at most two dimensions"
    case .emptyList:
      return "empty list\(at); a vector needs at least one element"
    case .malformedBinding(let text):
      return "expected NAME=VALUE, e.g. x=1.5, x=1,2,3 or w=[[1,2],[3,4]], but got '\(text)'"
    case .malformedValue(let name, let reason):
      return "malformed value for '\(name)': \(reason); write \(name)=1.5, \(name)=1,2,3 or \(name)=[[1,2],[3,4]]"
    }
  }

  /// The line under ``source`` with a caret at ``column``, or nil when there is no column or it
  /// lies outside the source.
  public var caretLine: String? {
    // A column past the end of the source (from a caller's own error) gets no caret line.
    guard let column, column >= 1, column <= source.count + 1 else { return nil }
    return String(repeating: " ", count: column - 1) + "^"
  }

  /// The message, the source and the caret line, for a terminal.
  public var diagnostic: String {
    guard let caretLine else { return message }
    return message + "\n" + source + "\n" + caretLine
  }

  public var description: String { message }
}
