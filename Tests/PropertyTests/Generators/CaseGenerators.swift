import DualAD
import DualADExpressions
import GradientCheck
import PropertyBased

/// The generators the properties draw from, with shrinking.
enum CaseGenerators {
  /// Bounds of a random function: at most this many nodes and this depth.
  static let maximumSize = 24
  static let maximumDepth = 5

  private static let shapes: [Shape] = [
    .scalar, .vector(2), .vector(3), .matrix(rows: 2, columns: 2), .matrix(rows: 2, columns: 3), .matrix(rows: 3, columns: 2),
  ]
  private static let names = ["x", "y", "z"]

  /// Random functions of one to three inputs (scalars, vectors, matrices) with a point.
  static var functions: Generator<PropertyCase, [PropertyCase]> {
    Generator(
      run: { rng in
        var random = SeededGenerator(seed: rng.next())
        return makeCase(&random)
      },
      shrink: { $0.shrinkCandidates })
  }

  /// A random function and a second one applied to its result, for the chain rule.
  static var compositions: Generator<CompositionCase, [CompositionCase]> {
    Generator(
      run: { rng in
        var random = SeededGenerator(seed: rng.next())
        return makeComposition(&random)
      },
      shrink: { $0.shrinkCandidates })
  }

  /// Input values: each input is drawn from [−2, 2] or, to reach logarithms and roots more
  /// often, from [0.2, 3]; two decimals, so the replay command reads them exactly.
  static func inputValue(_ shape: Shape, _ random: inout SeededGenerator) -> ArrayValue {
    let range = Bool.random(using: &random) ? -2.0...2.0 : 0.2...3.0
    let elements = (0..<shape.count).map { _ in (Double.random(in: range, using: &random) * 100).rounded() / 100 }
    return ArrayValue(shape: shape, elements: elements)
  }

  static func makeCase(_ random: inout SeededGenerator) -> PropertyCase {
    for _ in 0..<50 {
      let count = Int.random(in: 1...3, using: &random)
      let inputs = (0..<count).map { k in
        GeneratedInput(name: names[k], value: inputValue(shapes.randomElement(using: &random) ?? .scalar, &random))
      }
      let values = inputs.map(\.value)
      let outputShape = ([Shape.scalar] + values.map(\.shape)).randomElement(using: &random) ?? .scalar
      var builder = ExpressionBuilder(seed: random.next(), inputs: values, maximumSize: maximumSize)
      let tree = builder.build(outputShape, depth: maximumDepth)
      let candidate = PropertyCase(tree: tree, allInputs: inputs, directionSeed: random.next())
      if candidate.isValid { return candidate }
    }
    // Practically unreachable: fifty draws in a row without an input.
    let x = GeneratedInput(name: "x", value: ArrayValue(shape: .scalar, elements: [0.5]))
    return PropertyCase(tree: .unary(.sin, .input(0)), allInputs: [x], directionSeed: random.next())
  }

  static func makeComposition(_ random: inout SeededGenerator) -> CompositionCase {
    for _ in 0..<50 {
      let inner = makeCase(&random)
      guard let middle = inner.referenceValue else { continue }
      let u = GeneratedInput(name: "u", value: middle)
      let outputShape = [Shape.scalar, middle.shape].randomElement(using: &random) ?? .scalar
      var builder = ExpressionBuilder(seed: random.next(), inputs: [middle], maximumSize: maximumSize)
      let outer = PropertyCase(tree: builder.build(outputShape, depth: maximumDepth), allInputs: [u], directionSeed: 0)
      let candidate = CompositionCase(inner: inner, outerTree: outer.tree)
      if candidate.isValid { return candidate }
    }
    let inner = makeCase(&random)
    return CompositionCase(inner: inner, outerTree: .unary(.negate, .input(0)))
  }
}
