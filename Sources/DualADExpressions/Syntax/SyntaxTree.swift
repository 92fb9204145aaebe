/// A parsed expression, stored flat in post-order: every node comes after its operands.
///
/// Storing the tree as an array (operands referred to by index) lets every later pass run as
/// one loop over the nodes, so a chain of 100 000 additions needs no recursion, and freeing
/// the tree cannot overflow the stack.
struct SyntaxTree: Sendable {
  enum InfixOperator: Character, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
  }

  enum Node: Sendable {
    case number(Double, text: String)
    case variable(String)
    case negate(Int)
    case infix(InfixOperator, Int, Int)
    case call(String, arguments: [Int])
    /// `[a, b, c]`: scalars stacked into a vector, or vectors into the rows of a matrix.
    case list([Int])
  }

  private(set) var nodes: [Node] = []
  private(set) var columns: [Int] = []

  /// Appends a node whose operands are already in the tree; returns its index.
  mutating func append(_ node: Node, column: Int) -> Int {
    nodes.append(node)
    columns.append(column)
    return nodes.count - 1
  }

  /// The root is the last node appended.
  var root: Int { nodes.count - 1 }
}
