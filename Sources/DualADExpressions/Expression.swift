/// A parsed expression of the DualAD expression language.
///
/// ```swift
/// let e = try Expression("sum((w*x + b - y)^2)")
/// let f = try e.compiled(for: [("w", .scalar), ("b", .scalar), ("x", .vector(2)), ("y", .vector(2))])
/// let g = try f.gradient(at: [1, 0, 1, 2, 5, 7])   // [-28, -18, -8, -10, 8, 10]
/// ```
///
/// The language: numbers, names, `+ - * / ^` (also `**`) with the precedence of mathematics
/// (`^` right-associative and tighter than unary minus: `-x^2` is −(x²)), parentheses,
/// list literals `[a, b]` (scalars to a vector, vectors to the rows of a matrix) and calls of
/// the built-in functions:
/// - elementwise: exp, expm1, exp2, exp10, log, log1p, log2, log10, sqrt, cbrt, sin, cos, tan,
///   asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, erf, erfc, gamma, lgamma, digamma,
///   abs, sigmoid, softplus, relu, logsigmoid, logit;
/// - elementwise with two arguments and broadcasting: pow, atan2(y, x), hypot, min, max, xlogy;
/// - reductions to a scalar (see ``Reduction``): sum, mean, prod, norm, logsumexp;
/// - dot(u, v), matmul(a, b) with numpy's rules for vectors and matrices, and
///   bce_with_logits(z, t) = mean(softplus(z) − z·t), PyTorch's loss with mean reduction.
public struct Expression: Sendable, CustomStringConvertible {
  /// How deeply parentheses, brackets, calls, signs and exponents may nest.
  public static let maximumNesting = 256

  /// The longest source accepted, in UTF-8 bytes (1 MiB). Parsing holds a token per byte or
  /// so; the bound keeps one hostile input from taking seconds and hundreds of megabytes. A
  /// command-line argument is at most 128 KiB on Linux, far below it.
  public static let maximumLength = 1 << 20

  /// The text that was parsed.
  public let source: String
  let tree: SyntaxTree

  /// Parses `source`.
  ///
  /// - Throws: ``ExpressionError`` with the column of the problem, e.g.
  ///   `unknown function 'sinn' at column 1; did you mean 'sin'?` (unknown functions are
  ///   reported here; unknown variables when compiling).
  public init(_ source: String) throws(ExpressionError) {
    let length = source.utf8.count
    guard length <= Self.maximumLength else {
      throw ExpressionError(.tooLong(length: length, limit: Self.maximumLength), column: nil, source: "")
    }
    var parser = try Parser(source: source, maximumDepth: Self.maximumNesting)
    self.source = source
    self.tree = try parser.parse()
    try checkCalls()
  }

  /// The variables, in the order of their first appearance.
  public var variables: [String] {
    var seen: Set<String> = []
    var names: [String] = []
    for node in tree.nodes {
      if case .variable(let name) = node, seen.insert(name).inserted { names.append(name) }
    }
    return names
  }

  /// The expression fully parenthesized, e.g. `(-(x ^ 2))` for `-x^2`: shows how it was parsed.
  public var description: String {
    // One walk from the root with an explicit stack, each piece written once: linear in the
    // size of the expression at any depth (text built bottom-up would copy every subexpression
    // into each of its ancestors, quadratic for a long chain of additions).
    enum Step { case node(Int), text(String) }
    guard !tree.nodes.isEmpty else { return "" }
    var text = ""
    var steps: [Step] = [.node(tree.root)]
    func pushJoined(_ items: [Int], closing: String) {
      steps.append(.text(closing))
      for (k, item) in items.enumerated().reversed() {
        steps.append(.node(item))
        if k > 0 { steps.append(.text(", ")) }
      }
    }
    while let step = steps.popLast() {
      guard case .node(let index) = step else {
        if case .text(let piece) = step { text += piece }
        continue
      }
      switch tree.nodes[index] {
      case .number(_, let literal): text += literal
      case .variable(let name): text += name
      case .negate(let x):
        text += "(-"
        steps.append(.text(")"))
        steps.append(.node(x))
      case .infix(let op, let a, let b):
        text += "("
        steps.append(contentsOf: [.text(")"), .node(b), .text(" \(op.rawValue) "), .node(a)])
      case .call(let name, let arguments):
        text += name + "("
        pushJoined(arguments, closing: ")")
      case .list(let elements):
        text += "["
        pushJoined(elements, closing: "]")
      }
    }
    return text
  }

  /// Unknown functions and wrong argument counts need no inputs, so they are found at parse time.
  private func checkCalls() throws(ExpressionError) {
    for (index, node) in tree.nodes.enumerated() {
      guard case .call(let name, let arguments) = node else { continue }
      let column = tree.columns[index]
      guard let function = BuiltinFunction.named(name) else {
        throw ExpressionError(
          .unknownFunction(name: name, suggestion: closestName(to: name, among: BuiltinFunction.names)),
          column: column, source: source)
      }
      if arguments.count != function.arity {
        throw ExpressionError(
          .argumentCount(function: name, expected: function.arity, got: arguments.count),
          column: column, source: source)
      }
    }
  }

  /// Binds the variables to inputs of the given shapes, checks every shape once, and returns
  /// a function of the inputs flattened row-major in the order given.
  ///
  /// - Throws: ``ExpressionError`` for a variable without an input, an input that is not a
  ///   variable, or shapes that do not fit.
  public func compiled(for inputs: [(name: String, shape: Shape)]) throws(ExpressionError) -> CompiledExpression {
    var compiler = Compiler(expression: self, inputs: inputs)
    return try compiler.compile()
  }

  /// ``compiled(for:)`` with the names and shapes of `inputs`.
  public func compiled(for inputs: [Input]) throws(ExpressionError) -> CompiledExpression {
    try compiled(for: inputs.map { ($0.name, $0.shape) })
  }
}
