import DualAD
import DualADExpressions
import GradientCheck

/// Builds a random expression tree of a requested shape, bottom-up, at known input values.
///
/// Every node is built with its value in hand, so each operation is chosen among those whose
/// ``SafeDomain`` admits the operand values: `log` only over positive values, `abs` only away
/// from 0, `min` only where the operands differ by the margin. The size (node count) and the
/// depth are bounded.
struct ExpressionBuilder {
  var random: SeededGenerator
  let inputs: [ArrayValue]
  /// Nodes left to spend; at 0 only leaves are built.
  var budget: Int

  init(seed: UInt64, inputs: [ArrayValue], maximumSize: Int) {
    random = SeededGenerator(seed: seed)
    self.inputs = inputs
    budget = maximumSize
  }

  private static let unaryChoices: [UnaryPrimitive] =
    LanguageNames.unaryFunctions.map(\.primitive) + [.negate] + LanguageNames.integerPowers.map { .power($0) }
  private static let binaryChoices: [BinaryPrimitive] = BinaryPrimitive.allCases

  /// A tree of the given shape whose value at the inputs is safe.
  mutating func build(_ shape: Shape, depth: Int) -> ExpressionTree {
    budget -= 1
    guard depth > 0, budget > 0, Double.random(in: 0..<1, using: &random) < 0.85 else { return leaf(shape, depth: depth) }
    var kinds: [(weight: Double, kind: Kind)] = [(4, .unary), (3, .binary), (1, .matmul)]
    if shape == .scalar { kinds += [(1.5, .reduction), (0.5, .dot)] } else { kinds += [(0.3, .list)] }
    switch pick(kinds) {
    case .unary:
      let a = build(shape, depth: depth - 1)
      let options = Self.unaryChoices.map { ExpressionTree.unary($0, a) }
      return firstSafe(options.shuffled(using: &random)) ?? a
    case .binary:
      let (sa, sb) = binaryOperandShapes(for: shape)
      let a = build(sa, depth: depth - 1), b = build(sb, depth: depth - 1)
      let options = Self.binaryChoices.map { ExpressionTree.binary($0, a, b) }
      return firstSafe(options.shuffled(using: &random)) ?? (sa == shape ? a : b)
    case .reduction:
      let a = build(operandShape(), depth: depth - 1)
      let options = Reduction.allCases.map { ExpressionTree.reduction($0, a) }
      return firstSafe(options.shuffled(using: &random)) ?? leaf(shape, depth: 0)
    case .dot:
      let k = Int.random(in: 1...3, using: &random)
      let node = ExpressionTree.dot(build(.vector(k), depth: depth - 1), build(.vector(k), depth: depth - 1))
      return firstSafe([node]) ?? leaf(shape, depth: 0)
    case .matmul:
      let (sa, sb) = matmulOperandShapes(for: shape)
      let node = ExpressionTree.matmul(build(sa, depth: depth - 1), build(sb, depth: depth - 1))
      return firstSafe([node]) ?? leaf(shape, depth: 0)
    case .list:
      return list(shape, depth: depth - 1)
    }
  }

  private enum Kind { case unary, binary, reduction, dot, matmul, list }

  /// An input of the shape if there is one; for a scalar sometimes a constant; otherwise a list.
  private mutating func leaf(_ shape: Shape, depth: Int) -> ExpressionTree {
    let matching = inputs.indices.filter { inputs[$0].shape == shape }
    if shape == .scalar {
      if let i = matching.randomElement(using: &random), Double.random(in: 0..<1, using: &random) < 0.75 { return .input(i) }
      if Double.random(in: 0..<1, using: &random) < 0.5, let i = inputs.indices.randomElement(using: &random) {
        return firstSafe([.reduction(.sum, .input(i))]) ?? .constant(1)
      }
      return .constant([0.5, 1, 1.5, 2, 3, 0.25].randomElement(using: &random) ?? 1)
    }
    if let i = matching.randomElement(using: &random) { return .input(i) }
    return list(shape, depth: 0)
  }

  private mutating func list(_ shape: Shape, depth: Int) -> ExpressionTree {
    switch shape {
    case .scalar: return leaf(.scalar, depth: depth)
    case .vector(let n): return .list((0..<n).map { _ in build(.scalar, depth: depth) })
    case .matrix(let r, let c): return .list((0..<r).map { _ in build(.vector(c), depth: depth) })
    }
  }

  private mutating func binaryOperandShapes(for shape: Shape) -> (Shape, Shape) {
    var options: [(Shape, Shape)] = [(shape, shape)]
    if shape != .scalar { options += [(shape, .scalar), (.scalar, shape)] }
    if case .matrix(_, let c) = shape { options += [(shape, .vector(c)), (.vector(c), shape)] }
    return options.randomElement(using: &random) ?? (shape, shape)
  }

  /// An inner dimension for matmul: one the inputs have when possible, so inputs get used.
  private mutating func innerDimension() -> Int {
    let dimensions = inputs.flatMap(\.shape.dimensions)
    return dimensions.randomElement(using: &random) ?? 2
  }

  private mutating func matmulOperandShapes(for shape: Shape) -> (Shape, Shape) {
    let k = innerDimension()
    switch shape {
    case .scalar: return (.vector(k), .vector(k))
    case .vector(let n):
      return Bool.random(using: &random) ? (.vector(k), .matrix(rows: k, columns: n)) : (.matrix(rows: n, columns: k), .vector(k))
    case .matrix(let r, let c): return (.matrix(rows: r, columns: k), .matrix(rows: k, columns: c))
    }
  }

  /// The shape of a reduction's operand: one of the inputs' shapes.
  private mutating func operandShape() -> Shape {
    inputs.map(\.shape).filter { $0 != .scalar }.randomElement(using: &random) ?? .vector(2)
  }

  private func firstSafe(_ options: [ExpressionTree]) -> ExpressionTree? {
    options.first { $0.safeValue(at: inputs) != nil }
  }

  private mutating func pick<T>(_ weighted: [(weight: Double, kind: T)]) -> T {
    var r = Double.random(in: 0..<weighted.reduce(0) { $0 + $1.weight }, using: &random)
    for (weight, kind) in weighted {
      if r < weight { return kind }
      r -= weight
    }
    return weighted[weighted.count - 1].kind
  }
}
