import DualAD
import DualADExpressions

/// A random expression of the DualAD expression language, kept as a tree so that it can be
/// shrunk, rendered in the language's syntax, and evaluated independently of the compiler.
indirect enum ExpressionTree: Hashable, Sendable {
  /// The input with this index in the case's list of inputs.
  case input(Int)
  /// A positive scalar literal.
  case constant(Double)
  /// An elementwise function; `.negate` is written `-a`, `.power(n)` is written `a ^ n`.
  case unary(UnaryPrimitive, ExpressionTree)
  /// An elementwise pair with broadcasting; + − × ÷ and `^` are written infix.
  case binary(BinaryPrimitive, ExpressionTree, ExpressionTree)
  case reduction(Reduction, ExpressionTree)
  case matmul(ExpressionTree, ExpressionTree)
  case dot(ExpressionTree, ExpressionTree)
  /// `[a, b, …]`: scalars to a vector, vectors to the rows of a matrix.
  case list([ExpressionTree])

  /// The operands.
  var children: [ExpressionTree] {
    switch self {
    case .input, .constant: return []
    case .unary(_, let a), .reduction(_, let a): return [a]
    case .binary(_, let a, let b), .matmul(let a, let b), .dot(let a, let b): return [a, b]
    case .list(let elements): return elements
    }
  }

  /// The same node with new operands (as many as ``children``).
  func replacingChildren(_ new: [ExpressionTree]) -> ExpressionTree {
    switch self {
    case .input, .constant: return self
    case .unary(let p, _): return .unary(p, new[0])
    case .reduction(let r, _): return .reduction(r, new[0])
    case .binary(let p, _, _): return .binary(p, new[0], new[1])
    case .matmul: return .matmul(new[0], new[1])
    case .dot: return .dot(new[0], new[1])
    case .list: return .list(new)
    }
  }

  /// The number of nodes.
  var size: Int { 1 + children.reduce(0) { $0 + $1.size } }

  /// The indices of the inputs the expression reads.
  var inputIndices: Set<Int> {
    if case .input(let i) = self { return [i] }
    return children.reduce(into: []) { $0.formUnion($1.inputIndices) }
  }

  /// Every operation in the tree, by the name the coverage test counts.
  var operationNames: [String] {
    let own: [String]
    switch self {
    case .input, .constant, .list: own = []
    case .unary(let p, _): own = [LanguageNames.name(of: p)]
    case .binary(let p, _, _): own = [LanguageNames.name(of: p)]
    case .reduction(let r, _): own = [r.rawValue]
    case .matmul: own = ["matmul"]
    case .dot: own = ["dot"]
    }
    return own + children.flatMap(\.operationNames)
  }
}

// MARK: Rendering in the language's syntax

extension ExpressionTree {
  /// Binding strength, loosest first; an operand looser than its slot needs parentheses.
  private enum Precedence: Int, Comparable {
    case sum = 1, product, sign, power, atom
    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  }

  /// The expression in the syntax that `Expression(_:)` and the `dual-ad` command parse.
  func source(names: [String]) -> String { rendered(names).text }

  private func rendered(_ names: [String]) -> (text: String, precedence: Precedence) {
    func operand(_ tree: ExpressionTree, atLeast needed: Precedence) -> String {
      let (text, precedence) = tree.rendered(names)
      return precedence >= needed ? text : "(\(text))"
    }
    switch self {
    case .input(let i):
      return (names[i], .atom)
    case .constant(let c):
      return (LanguageNames.literal(c), .atom)
    case .unary(.negate, let a):
      return ("-" + operand(a, atLeast: .power), .sign)
    case .unary(.power(let n), let a):
      return (operand(a, atLeast: .atom) + " ^ \(n)", .power)
    case .unary(let p, let a):
      return ("\(LanguageNames.name(of: p))(\(a.rendered(names).text))", .atom)
    case .binary(let p, let a, let b):
      switch p {
      case .add, .subtract:
        return (operand(a, atLeast: .sum) + " \(LanguageNames.name(of: p)) " + operand(b, atLeast: .product), .sum)
      case .multiply, .divide:
        return (operand(a, atLeast: .product) + " \(LanguageNames.name(of: p)) " + operand(b, atLeast: .sign), .product)
      case .pow:
        // An integer literal exponent would compile to xⁿ; parentheses keep it a power of two operands.
        return (operand(a, atLeast: .atom) + " ^ " + operand(b, atLeast: .sign), .power)
      default:
        return ("\(LanguageNames.name(of: p))(\(a.rendered(names).text), \(b.rendered(names).text))", .atom)
      }
    case .reduction(let r, let a):
      return ("\(r.rawValue)(\(a.rendered(names).text))", .atom)
    case .matmul(let a, let b):
      return ("matmul(\(a.rendered(names).text), \(b.rendered(names).text))", .atom)
    case .dot(let a, let b):
      return ("dot(\(a.rendered(names).text), \(b.rendered(names).text))", .atom)
    case .list(let elements):
      return ("[" + elements.map { $0.rendered(names).text }.joined(separator: ", ") + "]", .atom)
    }
  }
}
