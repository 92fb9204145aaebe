/// A recursive-descent parser with the precedence of mathematics:
///
/// ```
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := '-' unary | '+' unary | power
/// power      := primary ('^' unary)?          right-associative: 2^3^2 = 2^9
/// primary    := number | name | name '(' arguments ')' | '(' expression ')' | '[' list ']'
/// ```
/// `^` binds tighter than unary minus, so `-x^2` is −(x²), while `2^-1` is 2^(−1).
/// Recursion depth is bounded by ``Expression/maximumNesting`` so that no input can
/// overflow the stack.
struct Parser {
  private let tokens: [Token]
  private let source: String
  private let maximumDepth: Int
  private var position = 0
  private var depth = 0
  private(set) var tree = SyntaxTree()

  init(source: String, maximumDepth: Int) throws(ExpressionError) {
    self.source = source
    self.maximumDepth = maximumDepth
    self.tokens = try Lexer(source).tokens()
  }

  mutating func parse() throws(ExpressionError) -> SyntaxTree {
    if case .end = current.kind { throw error(.emptyExpression, at: current) }
    _ = try expression()
    switch current.kind {
    case .end: return tree
    case .closeParenthesis: throw error(.unmatchedClosing(")"), at: current)
    case .closeBracket: throw error(.unmatchedClosing("]"), at: current)
    default: throw error(.unexpectedToken(found: current.quoted, expected: "an operator or end of input"), at: current)
    }
  }

  // MARK: Grammar

  private mutating func expression() throws(ExpressionError) -> Int {
    var lhs = try term()
    while true {
      let op: SyntaxTree.InfixOperator
      switch current.kind {
      case .plus: op = .add
      case .minus: op = .subtract
      default: return lhs
      }
      let token = advance()
      let rhs = try term()
      lhs = tree.append(.infix(op, lhs, rhs), column: token.column)
    }
  }

  private mutating func term() throws(ExpressionError) -> Int {
    var lhs = try unary()
    while true {
      let op: SyntaxTree.InfixOperator
      switch current.kind {
      case .times: op = .multiply
      case .divide: op = .divide
      default: return lhs
      }
      let token = advance()
      let rhs = try unary()
      lhs = tree.append(.infix(op, lhs, rhs), column: token.column)
    }
  }

  /// Every recursive path (parentheses, brackets, calls, signs, exponents) passes here,
  /// so the depth counted here bounds the whole recursion.
  private mutating func unary() throws(ExpressionError) -> Int {
    try enter()
    defer { depth -= 1 }
    switch current.kind {
    case .minus:
      let token = advance()
      let operand = try unary()
      return tree.append(.negate(operand), column: token.column)
    case .plus:
      advance()
      return try unary()
    default:
      return try power()
    }
  }

  private mutating func power() throws(ExpressionError) -> Int {
    let base = try primary()
    guard case .power = current.kind else { return base }
    let token = advance()
    let exponent = try unary()
    return tree.append(.infix(.power, base, exponent), column: token.column)
  }

  private mutating func primary() throws(ExpressionError) -> Int {
    let token = current
    switch token.kind {
    case .number(let value, let text):
      advance()
      return tree.append(.number(value, text: text), column: token.column)
    case .name(let name):
      advance()
      guard case .openParenthesis = current.kind else {
        return tree.append(.variable(name), column: token.column)
      }
      let opening = advance()
      let arguments = try commaSeparated(closing: .closeParenthesis, opening: opening, allowEmpty: true)
      return tree.append(.call(name, arguments: arguments), column: token.column)
    case .openParenthesis:
      advance()
      let inner = try expression()
      try expectClosing(.closeParenthesis, opening: token)
      return inner
    case .openBracket:
      advance()
      let elements = try commaSeparated(closing: .closeBracket, opening: token, allowEmpty: false)
      return tree.append(.list(elements), column: token.column)
    case .end:
      throw error(.unexpectedToken(found: "end of input", expected: "a number, a name or '('"), at: token)
    case .closeParenthesis:
      throw error(.unexpectedToken(found: "')'", expected: "a number, a name or '('"), at: token)
    default:
      throw error(.unexpectedToken(found: token.quoted, expected: "a number, a name or '('"), at: token)
    }
  }

  /// `a, b, c` up to the closing bracket, which is consumed.
  private mutating func commaSeparated(
    closing: Token.Kind, opening: Token, allowEmpty: Bool
  ) throws(ExpressionError) -> [Int] {
    var items: [Int] = []
    if current.kind == closing {
      if !allowEmpty { throw error(.emptyList, at: opening) }
      advance()
      return items
    }
    while true {
      items.append(try expression())
      if case .comma = current.kind {
        advance()
        continue
      }
      try expectClosing(closing, opening: opening)
      return items
    }
  }

  private mutating func expectClosing(_ closing: Token.Kind, opening: Token) throws(ExpressionError) {
    if current.kind == closing {
      advance()
      return
    }
    let bracket: Character = closing == .closeParenthesis ? "(" : "["
    if case .end = current.kind {
      throw error(.unclosed(bracket: bracket, opening: opening.column), at: current)
    }
    let expected = closing == .closeParenthesis ? "')' or ','" : "']' or ','"
    throw error(.unexpectedToken(found: current.quoted, expected: expected), at: current)
  }

  // MARK: Helpers

  private var current: Token { tokens[min(position, tokens.count - 1)] }

  @discardableResult
  private mutating func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private mutating func enter() throws(ExpressionError) {
    depth += 1
    if depth > maximumDepth { throw error(.nestingTooDeep(limit: maximumDepth), at: current) }
  }

  private func error(_ kind: ExpressionError.Kind, at token: Token) -> ExpressionError {
    ExpressionError(kind, column: token.column, source: source)
  }
}
