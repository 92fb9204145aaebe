import DualAD
import DualADExpressions
import GradientCheck
import PropertyBased
import Testing

/// The generator itself: what it draws, how it prints, and that shrinking stays valid.
@Suite struct GeneratorTests {
  /// A fixed sample, drawn with a fixed seed so that the coverage figures are stable.
  static let sample: [PropertyCase] = {
    var random = SeededGenerator(seed: 2024)
    return (0..<3_000).map { _ in CaseGenerators.makeCase(&random) }
  }()

  @Test func everyPrimitiveReductionAndMatmulAppears() {
    let used = Set(Self.sample.flatMap(\.tree.operationNames))
    let expected = LanguageNames.unaryFunctions.map(\.name) + LanguageNames.integerPowers.map { "^\($0)" }
      + ["neg", "+", "-", "*", "/", "^"] + LanguageNames.binaryFunctions.map(\.name)
      + Reduction.allCases.map(\.rawValue) + ["matmul", "dot"]
    let missing = expected.filter { !used.contains($0) }
    #expect(missing.isEmpty, "never generated: \(missing)")
  }

  @Test func sizeAndShapesStayBounded() {
    for c in Self.sample {
      #expect(c.tree.size <= 4 * CaseGenerators.maximumSize, "\(c)")
      #expect(!c.inputs.isEmpty && c.point.count <= 18, "\(c)")
    }
    // Vectors, matrices and scalars all occur as outputs.
    let shapes = Set(Self.sample.compactMap { $0.referenceValue?.shape.rank })
    #expect(shapes == [0, 1, 2])
  }

  /// The printed text goes through the real parser and compiler and gives the value the
  /// generator's own evaluator computed; so a replayed case is the case that failed.
  @Test func printedExpressionCompilesToTheSameFunction() throws {
    for c in Self.sample {
      let f = try c.compiled()
      let expected = try #require(c.referenceValue)
      #expect(f.outputShape == expected.shape, "\(c)")
      let value = f.evaluate(c.point)
      for (a, b) in zip(value, expected.elements) {
        #expect(Swift.abs(a - b) <= 1e-9 * Swift.max(1, Swift.abs(b)), "compiled \(value), generator \(expected.elements)\n\(c)")
      }
    }
  }

  @Test func replayCommandQuotesTheExpressionAndEveryInput() {
    let c = PropertyCase(
      tree: .reduction(.sum, .binary(.multiply, .unary(.sin, .input(0)), .input(1))),
      allInputs: [
        GeneratedInput(name: "x", value: ArrayValue(shape: .vector(2), elements: [0.5, -1.25])),
        GeneratedInput(name: "y", value: ArrayValue(shape: .matrix(rows: 2, columns: 2), elements: [1, 2, 3, 4])),
      ],
      directionSeed: 0)
    #expect(c.source == "sum(sin(x) * y)")
    #expect(c.replayCommand == "dual-ad check 'sum(sin(x) * y)' --at 'x=[0.5,-1.25]' --at 'y=[[1,2],[3,4]]'")
  }

  @Test func renderingParenthesizesOnlyWhereThePrecedenceNeedsIt() {
    let x = ExpressionTree.input(0), y = ExpressionTree.input(1)
    let names = ["x", "y"]
    #expect(ExpressionTree.binary(.subtract, x, .binary(.add, y, x)).source(names: names) == "x - (y + x)")
    // ^ binds tighter than unary minus: the language reads -x ^ 2 as −(x²).
    #expect(ExpressionTree.unary(.negate, .unary(.power(2), x)).source(names: names) == "-x ^ 2")
    #expect(ExpressionTree.unary(.power(-1), .unary(.negate, x)).source(names: names) == "(-x) ^ -1")
    #expect(ExpressionTree.binary(.divide, x, .binary(.multiply, y, x)).source(names: names) == "x / (y * x)")
    #expect(ExpressionTree.binary(.pow, .constant(0.5), y).source(names: names) == "0.5 ^ y")
  }

  @Test func everyShrinkCandidateIsValidAndSmaller() {
    for c in Self.sample.prefix(300) {
      for candidate in c.shrinkCandidates {
        #expect(candidate.isValid, "\(candidate)")
        let smaller = candidate.tree.size < c.tree.size || candidate.allInputs != c.allInputs
        #expect(smaller, "\(candidate) from \(c)")
      }
    }
  }

  @Test func everyCompositionShrinkCandidateDiffersAndIsValid() {
    var random = SeededGenerator(seed: 7)
    for _ in 0..<100 {
      let c = CaseGenerators.makeComposition(&random)
      #expect(c.isValid, "\(c)")
      for candidate in c.shrinkCandidates {
        #expect(candidate != c && candidate.isValid, "\(candidate)")
      }
    }
  }

  /// Kinks and domain ends are kept at a distance: no abs or relu operand within the margin of 0.
  @Test func safeDomainKeepsAwayFromKinksAndDomainEnds() {
    #expect(!SafeDomain.admits(UnaryPrimitive.abs, 0.05))
    #expect(SafeDomain.admits(UnaryPrimitive.abs, 0.5))
    #expect(!SafeDomain.admits(UnaryPrimitive.log, 0.05))
    #expect(!SafeDomain.admits(UnaryPrimitive.cbrt, 0))
    #expect(!SafeDomain.admits(BinaryPrimitive.minimum, 1.0, 1.05))
    #expect(!SafeDomain.admits(BinaryPrimitive.atan2, 0.0, -1.0), "atan2's branch cut")
    #expect(SafeDomain.admits(BinaryPrimitive.atan2, 0.0, 1.0))
    #expect(!SafeDomain.admits(Reduction.norm, [0.01, 0.01]))
  }

  /// Shrinking reaches a small case: with a property that fails whenever `exp` appears, the
  /// shrunk case is a single exp of an input or of a list.
  @Test func shrinkingFindsASmallCase() {
    guard var c = Self.sample.first(where: { $0.tree.operationNames.contains("exp") && $0.tree.size > 6 }) else {
      Issue.record("no sample uses exp")
      return
    }
    var shrunk = true
    while shrunk {
      shrunk = false
      if let next = c.shrinkCandidates.first(where: { $0.tree.operationNames.contains("exp") }) {
        c = next
        shrunk = true
      }
    }
    #expect(c.tree.operationNames.filter { $0 == "exp" }.count == 1, "\(c)")
    #expect(c.tree.size <= 4, "\(c)")
  }
}
