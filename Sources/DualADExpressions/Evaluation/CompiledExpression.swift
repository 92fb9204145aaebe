import DualAD
import DualADTensor

/// An expression bound to inputs of known shapes: a function ℝⁿ → ℝᵐ of the inputs flattened
/// row-major in their given order, with outputs flattened row-major.
///
/// It conforms to `ADFunction`: one generic evaluator runs it with `Double` (plain),
/// `Dual` (forward) and `Variable` (reverse), so every mode differentiates the same code. Each
/// step calls the tensor target's kernel for it (broadcasting, matmul on OpenBLAS for `Double`,
/// reductions, BCE with logits), so the values are those of the Tensor API, bit for bit:
/// ```swift
/// let f = try Expression("x*x").compiled(for: [("x", .vector(2))])
/// try f.vjp(at: [1.0, 16], cotangent: [1, 0.1])   // vjp [2, 3.2]
/// try f.jacobian(at: [1.0, 16], mode: .forward)    // [[2, 0], [0, 32]]
/// ```
public struct CompiledExpression: ADFunction, Sendable {
  /// The expression this was compiled from.
  public let expression: Expression
  /// The inputs in order, with their shapes.
  public let inputs: [(name: String, shape: Shape)]
  /// The number of scalar inputs: the sum of the inputs' element counts.
  public let inputCount: Int
  let instructions: [Instruction]
  let root: Int
  /// The shape of the result.
  public let outputShape: Shape

  init(
    expression: Expression, inputs: [(name: String, shape: Shape)], inputCount: Int,
    instructions: [Instruction], root: Int, outputShape: Shape
  ) {
    self.expression = expression
    self.inputs = inputs
    self.inputCount = inputCount
    self.instructions = instructions
    self.root = root
    self.outputShape = outputShape
  }

  /// The number of scalar outputs.
  public var outputCount: Int { outputShape.count }

  /// ``inputCount``: the operators of `ADFunction` throw
  /// `DifferentiationError.inputCountMismatch(expected:got:)` for a point of another length.
  public var expectedInputCount: Int? { inputCount }

  /// A name for each scalar input: `x` for a scalar, `x[0]` for a vector, `w[0,1]` for a matrix.
  public var inputLabels: [String] {
    inputs.flatMap { input -> [String] in
      switch input.shape {
      case .scalar: return [input.name]
      case .vector(let n): return (0..<n).map { "\(input.name)[\($0)]" }
      case .matrix(let r, let c): return (0..<(r * c)).map { "\(input.name)[\($0 / c),\($0 % c)]" }
      }
    }
  }

  /// The output, flattened row-major, at `x` (the inputs flattened in order). The one evaluator
  /// of every mode. When `x.count != inputCount` every output is NaN (the operators of
  /// `ADFunction` and GradientCheck throw before calling it with such a point).
  public func evaluate<T: ADScalar>(_ x: [T]) -> [T] {
    guard x.count == inputCount else { return Array(repeating: T(T.Primal.nan), count: outputCount) }
    var values: [[T]] = []
    values.reserveCapacity(instructions.count)
    for instruction in instructions {
      values.append(Self.run(instruction, values, x))
    }
    return values[root]
  }

  /// ``evaluate(_:)``: the requirement of `ADFunction`.
  public func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { evaluate(x) }

  private static func run<T: ADScalar>(_ instruction: Instruction, _ values: [[T]], _ x: [T]) -> [T] {
    switch instruction {
    case .input(let offset, let count):
      return Array(x[offset..<(offset + count)])
    case .constant(let c):
      return [T.constant(c)]
    case .elementwise(let primitive, let a):
      return Kernels.unary(primitive, values[a], partials: false).values
    case .pairwise(let primitive, let a, let b, let layout):
      return Kernels.binary(primitive, values[a], values[b], layout, dx: false, dy: false).values
    case .stack(let elements):
      return elements.flatMap { values[$0] }
    case .reduction(let reduction, let a):
      return [reduction.apply(values[a])]
    case .matmul(let a, let b, let m, let k, let n):
      return Kernels.matmul(values[a], values[b], m: m, k: k, n: n)
    case .binaryCrossEntropyWithLogits(let z, let t):
      let losses = Kernels.binaryCrossEntropyWithLogits(values[z], values[t], dz: false, dy: false).values
      return Kernels.mean(losses, AxisLayout(count: losses.count))
    }
  }
}
