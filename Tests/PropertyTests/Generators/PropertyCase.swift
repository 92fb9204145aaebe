import DualAD
import DualADExpressions
import GradientCheck

/// A named input of a generated case, with its value.
struct GeneratedInput: Hashable, Sendable {
  var name: String
  var value: ArrayValue

  /// `x=0.5`, `x=[0.5,-1.25]` or `w=[[1,2],[3,4]]`: the command line's `--at` syntax.
  var binding: String {
    let numbers = value.elements.map(LanguageNames.literal)
    switch value.shape {
    case .scalar: return "\(name)=\(numbers[0])"
    case .vector: return "\(name)=[\(numbers.joined(separator: ","))]"
    case .matrix(let rows, let columns):
      let rowTexts = (0..<rows).map { r in "[" + numbers[(r * columns)..<((r + 1) * columns)].joined(separator: ",") + "]" }
      return "\(name)=[\(rowTexts.joined(separator: ","))]"
    }
  }
}

/// One random function with the point to differentiate it at: what every property runs on.
///
/// A failure prints it (``description``) as the expression in the language's syntax, its inputs,
/// and the `dual-ad check` command that replays it against GSL.
struct PropertyCase: Hashable, Sendable, CustomStringConvertible {
  var tree: ExpressionTree
  /// Every input the generator drew; the function takes those the tree reads, in this order.
  var allInputs: [GeneratedInput]
  /// Seeds the random directions, cotangents and coefficients a property draws for this case.
  var directionSeed: UInt64

  /// The inputs the expression reads, in order: the function's arguments.
  var inputs: [GeneratedInput] {
    let used = tree.inputIndices
    return allInputs.indices.filter(used.contains).map { allInputs[$0] }
  }

  var source: String { tree.source(names: allInputs.map(\.name)) }

  /// The point: the used inputs' elements flattened in order.
  var point: [Double] { inputs.flatMap(\.value.elements) }

  /// The value computed by the generator's own evaluator (nil if the case is invalid).
  var referenceValue: ArrayValue? { tree.safeValue(at: allInputs.map(\.value)) }

  /// The expression compiled by DualADExpressions for the used inputs.
  func compiled() throws -> CompiledExpression {
    try Expression(source).compiled(for: inputs.map { ($0.name, $0.value.shape) })
  }

  /// The command that checks this case against GSL from a shell.
  var replayCommand: String {
    "dual-ad check '\(source)'" + inputs.map { " --at '\($0.binding)'" }.joined()
  }

  var description: String {
    "\(source)   at " + inputs.map(\.binding).joined(separator: " ") + "\n  replay: \(replayCommand)\n"
  }

  /// A seeded generator for the property's own random vectors.
  func directions() -> SeededGenerator { SeededGenerator(seed: directionSeed) }
}

extension PropertyCase {
  /// Smaller cases that are still valid, most shrunk first: a subtree replaced by one of its
  /// operands or by a leaf of its shape, then input values rounded to fewer decimals.
  var shrinkCandidates: [PropertyCase] {
    let values = allInputs.map(\.value)
    var candidates: [PropertyCase] = []
    for smaller in Self.replacements(of: tree, values: values) where smaller.size < tree.size {
      var candidate = self
      candidate.tree = smaller
      if candidate.isValid { candidates.append(candidate) }
    }
    for (i, input) in allInputs.enumerated() where tree.inputIndices.contains(i) {
      for (k, x) in input.value.elements.enumerated() {
        for simpler in [x.rounded(), (x * 10).rounded() / 10] where simpler != x {
          var candidate = self
          candidate.allInputs[i].value.elements[k] = simpler
          if candidate.isValid { candidates.append(candidate) }
        }
      }
    }
    return candidates
  }

  /// The tree has a value inside every operation's safe domain and reads at least one input.
  var isValid: Bool { !tree.inputIndices.isEmpty && referenceValue != nil }

  /// Every tree that differs from `tree` in one node, replaced by an operand of the same
  /// shape or by a leaf of that shape.
  private static func replacements(of tree: ExpressionTree, values: [ArrayValue]) -> [ExpressionTree] {
    guard let shape = tree.safeValue(at: values)?.shape else { return [] }
    var own: [ExpressionTree] = []
    if let i = values.firstIndex(where: { $0.shape == shape }), tree != .input(i), tree.size > 1 { own.append(.input(i)) }
    if shape == .scalar, tree.size > 1 { own.append(.constant(1)) }
    own += tree.children.filter { $0.safeValue(at: values)?.shape == shape }
    let children = tree.children
    var deeper: [ExpressionTree] = []
    for (k, child) in children.enumerated() {
      for replacement in replacements(of: child, values: values) {
        var newChildren = children
        newChildren[k] = replacement
        deeper.append(tree.replacingChildren(newChildren))
      }
    }
    return own + deeper
  }
}
