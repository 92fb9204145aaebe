/// Splits an expression into tokens. `**` is accepted as a synonym of `^`.
struct Lexer {
  let source: String
  private let characters: [Character]

  init(_ source: String) {
    self.source = source
    self.characters = Array(source)
  }

  func tokens() throws(ExpressionError) -> [Token] {
    var tokens: [Token] = []
    var i = 0
    while i < characters.count {
      let c = characters[i]
      let column = i + 1
      if c.isWhitespace {
        i += 1
        continue
      }
      if c.isASCII && (c.isNumber || c == ".") {
        let (token, next) = try number(from: i)
        tokens.append(token)
        i = next
        continue
      }
      if c.isLetter || c == "_" {
        var j = i
        while j < characters.count, characters[j].isLetter || characters[j].isNumber || characters[j] == "_" { j += 1 }
        tokens.append(Token(kind: .name(String(characters[i..<j])), column: column))
        i = j
        continue
      }
      let kind: Token.Kind
      switch c {
      case "+": kind = .plus
      case "-": kind = .minus
      case "*":
        if i + 1 < characters.count, characters[i + 1] == "*" {
          tokens.append(Token(kind: .power, column: column))
          i += 2
          continue
        }
        kind = .times
      case "/": kind = .divide
      case "^": kind = .power
      case "(": kind = .openParenthesis
      case ")": kind = .closeParenthesis
      case "[": kind = .openBracket
      case "]": kind = .closeBracket
      case ",": kind = .comma
      default:
        throw ExpressionError(.unexpectedCharacter(c), column: column, source: source)
      }
      tokens.append(Token(kind: kind, column: column))
      i += 1
    }
    tokens.append(Token(kind: .end, column: characters.count + 1))
    return tokens
  }

  /// digits [. digits] [e [+-] digits], or . digits; anything glued to it makes it malformed.
  private func number(from start: Int) throws(ExpressionError) -> (Token, Int) {
    let n = characters.count
    func isDigit(_ k: Int) -> Bool { k < n && characters[k].isASCII && characters[k].isNumber }
    func isNameCharacter(_ k: Int) -> Bool {
      k < n && (characters[k].isLetter || characters[k].isNumber || characters[k] == "_")
    }
    var i = start
    var mantissaDigits = 0
    while isDigit(i) { i += 1; mantissaDigits += 1 }
    if i < n, characters[i] == "." {
      i += 1
      while isDigit(i) { i += 1; mantissaDigits += 1 }
    }
    var malformedEnd: Int? = mantissaDigits == 0 ? i : nil
    if malformedEnd == nil, i < n, characters[i] == "e" || characters[i] == "E" {
      var j = i + 1
      if j < n, characters[j] == "+" || characters[j] == "-" { j += 1 }
      let exponentStart = j
      while isDigit(j) { j += 1 }
      if j > exponentStart {
        i = j
      } else if !(j == i + 1 && isNameCharacter(j)) {
        malformedEnd = j  // "2e", "2e+": an exponent without digits
      }
      // otherwise "2ex": a name glued to the number, reported below
    }
    var end = malformedEnd ?? i
    while isNameCharacter(end) || (end < n && characters[end] == ".") { end += 1 }
    let text = String(characters[start..<i])
    let glued = String(characters[i..<end])
    if malformedEnd != nil || glued.first == "." || (glued.first?.isNumber ?? false) {
      throw ExpressionError(.malformedNumber(text + glued), column: start + 1, source: source)
    }
    if !glued.isEmpty {
      throw ExpressionError(.numberMissingOperator(number: text, name: glued), column: start + 1, source: source)
    }
    guard let value = Double(text) else {
      throw ExpressionError(.malformedNumber(text), column: start + 1, source: source)
    }
    guard value.isFinite else {
      throw ExpressionError(.numberOutOfRange(text), column: start + 1, source: source)
    }
    return (Token(kind: .number(value, text: text), column: start + 1), i)
  }
}
