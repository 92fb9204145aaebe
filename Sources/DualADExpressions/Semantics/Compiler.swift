import DualAD
import DualADTensor

/// Turns a syntax tree into a list of instructions, checking every shape once.
///
/// One loop over the post-order nodes: each node's operands are already compiled.
struct Compiler {
  let expression: Expression
  let inputs: [(name: String, shape: Shape)]

  private var instructions: [Instruction] = []
  private var shapes: [Shape] = []

  init(expression: Expression, inputs: [(name: String, shape: Shape)]) {
    self.expression = expression
    self.inputs = inputs
  }

  mutating func compile() throws(ExpressionError) -> CompiledExpression {
    let tree = expression.tree
    var bound: [String: (offset: Int, shape: Shape)] = [:]
    var offset = 0
    for input in inputs {
      if bound[input.name] != nil { throw error(.duplicateInput(name: input.name), column: nil) }
      // Shapes come from callers: a negative size or a count past Int.max would trap below.
      guard let count = input.shape.checkedCount, case (let end, false) = offset.addingReportingOverflow(count) else {
        throw error(.invalidShape(name: input.name, shape: input.shape), column: nil)
      }
      bound[input.name] = (offset, input.shape)
      offset = end
    }
    var slot: [Int] = []  // node → instruction
    var constant: [Double?] = []  // node → value, for variable-free scalar nodes
    var inputSlot: [String: Int] = [:]
    slot.reserveCapacity(tree.nodes.count)
    constant.reserveCapacity(tree.nodes.count)

    for (index, node) in tree.nodes.enumerated() {
      let column = tree.columns[index]
      var value: Double?
      let instruction: Int
      switch node {
      case .number(let x, _):
        value = x
        instruction = try emit(.constant(x), shape: .scalar)
      case .variable(let name):
        if let existing = inputSlot[name] {
          instruction = existing
        } else if let input = bound[name] {
          instruction = try emit(.input(offset: input.offset, count: input.shape.count), shape: input.shape)
          inputSlot[name] = instruction
        } else if BuiltinFunction.named(name) != nil {
          throw error(.functionWithoutCall(name: name), column: column)
        } else {
          let unused = inputs.map(\.name).filter { !expression.variables.contains($0) }
          throw error(.unboundVariable(name: name, suggestion: closestName(to: name, among: unused)), column: column)
        }
      case .negate(let x):
        value = constant[x].map { -$0 }
        instruction = try emit(.elementwise(.negate, slot[x]), shape: shapes[slot[x]])
      case .infix(let op, let a, let b):
        let primitive: BinaryPrimitive
        switch op {
        case .add: primitive = .add
        case .subtract: primitive = .subtract
        case .multiply: primitive = .multiply
        case .divide: primitive = .divide
        case .power: primitive = .pow
        }
        if let x = constant[a], let y = constant[b] { value = primitive.apply(x, y) }
        instruction = try pairwise(primitive, slot[a], slot[b], exponent: constant[b], name: String(op.rawValue), column: column)
      case .call(let name, let arguments):
        let operands = arguments.map { slot[$0] }
        instruction = try call(name, operands, exponent: arguments.count == 2 ? constant[arguments[1]] : nil, column: column)
      case .list(let elements):
        let first = shapes[slot[elements[0]]]
        for (i, element) in elements.enumerated() where shapes[slot[element]] != first {
          throw error(.listShapes(first: first, other: shapes[slot[element]], index: i + 1), column: tree.columns[element])
        }
        let shape: Shape
        switch first {
        case .scalar: shape = .vector(elements.count)
        case .vector(let n): shape = .matrix(rows: elements.count, columns: n)
        case .matrix: throw error(.listTooDeep, column: column)
        }
        instruction = try emit(.stack(elements.map { slot[$0] }), shape: shape, column: column)
      }
      slot.append(instruction)
      constant.append(value)
    }

    let variables = Set(expression.variables)
    if let unused = inputs.first(where: { !variables.contains($0.name) }) {
      let unbound = expression.variables.filter { bound[$0] == nil }
      throw error(.unusedInput(name: unused.name, suggestion: closestName(to: unused.name, among: unbound)), column: nil)
    }
    let root = slot[tree.root]
    return CompiledExpression(
      expression: expression, inputs: inputs, inputCount: offset,
      instructions: instructions, root: root, outputShape: shapes[root])
  }

  private mutating func emit(_ instruction: Instruction, shape: Shape, column: Int? = nil) throws(ExpressionError) -> Int {
    try checkSize(of: shape, column: column)
    instructions.append(instruction)
    shapes.append(shape)
    return instructions.count - 1
  }

  private func checkSize(of shape: Shape, column: Int?) throws(ExpressionError) {
    // Broadcasting and matmul multiply sizes of valid inputs; the product may overflow, or
    // exceed the memory: [n, 1] + [n] of two 8 MB inputs is 8 TB at n = 2²⁰. A Double, the
    // smallest element of any mode, counts 8 bytes.
    guard let count = shape.checkedCount, case (let bytes, false) = count.multipliedReportingOverflow(by: 8) else {
      throw error(.tooManyElements(shape: shape), column: column)
    }
    guard bytes <= StorageLimit.bytes else {
      throw error(.cannotAllocate(shape: shape, bytes: bytes, limit: StorageLimit.bytes), column: column)
    }
  }

  /// An elementwise binary operation; a constant integer exponent becomes xⁿ, which is
  /// defined for negative x.
  private mutating func pairwise(
    _ primitive: BinaryPrimitive, _ a: Int, _ b: Int, exponent: Double?, name: String, column: Int
  ) throws(ExpressionError) -> Int {
    if primitive == .pow, let n = exponent, n == n.rounded(), Swift.abs(n) <= 1_048_576, let power = Int(exactly: n) {
      return try emit(.elementwise(.power(power), a), shape: shapes[a])
    }
    // The tensor target's broadcasting rule; the first dimension that does not fit is named.
    let (lhs, rhs) = (shapes[a].dimensions, shapes[b].dimensions)
    let (dimensions, mismatches) = BroadcastLayout.aligned(lhs, rhs)
    if let dimension = mismatches.first {
      throw error(.shapeMismatch(operation: name, lhs: shapes[a], rhs: shapes[b], dimension: dimension), column: column)
    }
    guard let shape = Shape(dimensions: dimensions) else { throw error(.tooManyElements(shape: shapes[a]), column: column) }
    try checkSize(of: shape, column: column)
    guard let layout = try? BroadcastLayout(lhs, rhs) else { throw error(.tooManyElements(shape: shape), column: column) }
    return try emit(.pairwise(primitive, a, b, layout), shape: shape, column: column)
  }

  private mutating func call(_ name: String, _ operands: [Int], exponent: Double?, column: Int) throws(ExpressionError) -> Int {
    // The parser has checked the name and the argument count.
    guard let function = BuiltinFunction.named(name), operands.count == function.arity else {
      throw error(.unknownFunction(name: name, suggestion: nil), column: column)
    }
    switch function {
    case .elementwise(let primitive):
      return try emit(.elementwise(primitive, operands[0]), shape: shapes[operands[0]])
    case .pairwise(let primitive):
      return try pairwise(primitive, operands[0], operands[1], exponent: exponent, name: name, column: column)
    case .reduction(let reduction):
      return try emit(.reduction(reduction, operands[0]), shape: .scalar)
    case .dot:
      let (a, b) = (shapes[operands[0]], shapes[operands[1]])
      guard case .vector(let n) = a, case .vector(let m) = b, n == m else {
        throw error(.dotShapes(lhs: a, rhs: b), column: column)
      }
      return try emit(.matmul(operands[0], operands[1], m: 1, k: n, n: 1), shape: .scalar)
    case .matmul:
      let (a, b) = (shapes[operands[0]], shapes[operands[1]])
      let result: (m: Int, k: Int, n: Int, shape: Shape)
      switch (a, b) {
      case (.scalar, _), (_, .scalar):
        throw error(.matmulScalar(lhs: a, rhs: b), column: column)
      case (.vector(let k), .vector(let k2)) where k == k2: result = (1, k, 1, .scalar)
      case (.vector(let k), .matrix(let k2, let n)) where k == k2: result = (1, k, n, .vector(n))
      case (.matrix(let m, let k), .vector(let k2)) where k == k2: result = (m, k, 1, .vector(m))
      case (.matrix(let m, let k), .matrix(let k2, let n)) where k == k2: result = (m, k, n, .matrix(rows: m, columns: n))
      default: throw error(.matmulShapes(lhs: a, rhs: b), column: column)
      }
      return try emit(.matmul(operands[0], operands[1], m: result.m, k: result.k, n: result.n), shape: result.shape, column: column)
    case .binaryCrossEntropyWithLogits:
      let (z, t) = (shapes[operands[0]], shapes[operands[1]])
      guard z == t else { throw error(.targetShape(input: z, target: t), column: column) }
      return try emit(.binaryCrossEntropyWithLogits(operands[0], operands[1]), shape: .scalar)
    }
  }

  private func error(_ kind: ExpressionError.Kind, column: Int?) -> ExpressionError {
    ExpressionError(kind, column: column, source: expression.source)
  }
}
