/// One lexical unit of an expression, with the 1-based column where it starts.
struct Token: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    case number(Double, text: String)
    case name(String)
    case plus, minus, times, divide, power
    case openParenthesis, closeParenthesis, openBracket, closeBracket, comma
    case end
  }

  let kind: Kind
  let column: Int

  /// How an error message names this token.
  var quoted: String {
    switch kind {
    case .number(_, let text): return "number \(text)"
    case .name(let name): return "name '\(name)'"
    case .plus: return "'+'"
    case .minus: return "'-'"
    case .times: return "'*'"
    case .divide: return "'/'"
    case .power: return "'^'"
    case .openParenthesis: return "'('"
    case .closeParenthesis: return "')'"
    case .openBracket: return "'['"
    case .closeBracket: return "']'"
    case .comma: return "','"
    case .end: return "end of input"
    }
  }
}
