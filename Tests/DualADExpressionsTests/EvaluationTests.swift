import Foundation
import DualAD
import DualADExpressions
import Testing

/// Plain, forward and reverse evaluation of one compiled expression, against values by hand.
@Suite("Evaluation in every mode")
struct EvaluationTests {
  private func compile(_ source: String, _ inputs: [(name: String, shape: Shape)]) throws -> CompiledExpression {
    try Expression(source).compiled(for: inputs)
  }

  /// The Jacobian by forward mode and by reverse mode.
  private func jacobians(_ f: CompiledExpression, at x: [Double]) throws -> (forward: [[Double]], reverse: [[Double]]) {
    (try f.jacobian(at: x, mode: .forward), try f.jacobian(at: x, mode: .reverse))
  }

  private func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance * max(1, Swift.abs($1)) }
  }

  @Test("A point of another length than the inputs is a thrown error in every operator, not NaN")
  func wrongInputCountThrows() throws {
    let f = try compile("x*x", [("x", .vector(2))])
    let mismatch = DifferentiationError.inputCountMismatch(expected: 2, got: 3)
    #expect(throws: mismatch) { try f.jacobian(at: [1.0, 2, 3], mode: .forward) }
    #expect(throws: mismatch) { try f.vjp(at: [1.0, 2, 3], cotangent: [1, 1]) }
    #expect(throws: mismatch) { try f.jvp(at: [1.0, 2, 3], tangent: [1, 1, 1]) }
    #expect(throws: DifferentiationError.inputCountMismatch(expected: 2, got: 1)) { try f.jacobian(at: [1.0], mode: .reverse) }
    #expect(try f.jacobian(at: [1.0, 16], mode: .reverse) == [[2, 0], [0, 32]])
  }

  @Test func seedCaseWeightedCotangent() throws {
    let f = try compile("x*x", [("x", .vector(5))])
    let (value, vjp) = try f.vjp(at: [1.0, 5, 6, 10, 16], cotangent: [1, 0.1, 0.1, 0.5, 0.1])
    #expect(value == [1, 25, 36, 100, 256])
    #expect(close(vjp, [2, 1, 1.2, 10, 3.2]))
  }

  @Test func seedCaseIdentityGivesTheCotangentBack() throws {
    let z = [-1.0, -0.5, 0, 0.5, 1]
    let f = try compile("z", [("z", .vector(5))])
    #expect(try f.vjp(at: z, cotangent: z).vjp == z)
    let identity = (0..<5).map { i in (0..<5).map { j in i == j ? 1.0 : 0 } }
    let (forward, reverse) = try jacobians(f, at: z)
    #expect(forward == identity)
    #expect(reverse == identity)
  }

  @Test func seedCaseSumGivesOnes() throws {
    let f = try compile("sum(z)", [("z", .vector(5))])
    #expect(try f.gradient(at: [-1.0, -0.5, 0, 0.5, 1]) == [1, 1, 1, 1, 1])
  }

  @Test func seedCaseLinearRegression() throws {
    let f = try compile("sum((w*x+b-y)^2)", [("w", .scalar), ("b", .scalar), ("x", .vector(2)), ("y", .vector(2))])
    let x = [1.0, 0, 1, 2, 5, 7]
    // (1·1+0−5)² + (1·2+0−7)² = 16 + 25; dL/dw = 2(−4)(1) + 2(−5)(2) = −28, dL/db = −18.
    #expect(f.evaluate(x) == [41])
    #expect(try f.gradient(at: x) == [-28, -18, -8, -10, 8, 10])
    let (forward, reverse) = try jacobians(f, at: x)
    #expect(forward == [[-28, -18, -8, -10, 8, 10]])
    #expect(reverse == forward)
  }

  @Test func negatedSquare() throws {
    let f = try compile("-x^2", [("x", .scalar)])
    #expect(f.evaluate([3.0]) == [-9])
    #expect(try f.jacobian(at: [3.0], mode: .forward) == [[-6]])
    #expect(try f.gradient(at: [3.0]) == [-6])
  }

  @Test func integerPowersOfNegativeBases() throws {
    let f = try compile("x^3 + x^-1", [("x", .scalar)])
    // d/dx = 3x² − x⁻² at −2: 12 − 0.25.
    #expect(f.evaluate([-2.0]) == [-8.5])
    #expect(try f.gradient(at: [-2.0]) == [11.75])
    #expect(try f.jacobian(at: [-2.0], mode: .forward) == [[11.75]])
  }

  @Test func prodIsExactWithZeros() throws {
    let f = try compile("prod(x)", [("x", .vector(4))])
    #expect(f.evaluate([2.0, 3, 0, 5]) == [0])
    #expect(try f.gradient(at: [2.0, 3, 0, 5]) == [0, 0, 30, 0])
    #expect(try f.jacobian(at: [2.0, 3, 0, 5], mode: .forward) == [[0, 0, 30, 0]])
    #expect(try f.gradient(at: [2.0, 0, 0, 5]) == [0, 0, 0, 0])
    #expect(try f.gradient(at: [2.0, 3, 4, 5]) == [60, 40, 30, 24])
  }

  @Test func logsumexpIsFiniteAtLargeInputs() throws {
    let f = try compile("logsumexp(x)", [("x", .vector(3))])
    let x = [1000.0, 1001, 999]
    let s = 1 + Double.exp(-1) + Double.exp(-2)
    let value = f.evaluate(x)[0]
    #expect(Swift.abs(value - (1001 + Double.log(s))) < 1e-12)
    let softmax = [Double.exp(-1) / s, 1 / s, Double.exp(-2) / s]
    #expect(close(try f.gradient(at: x), softmax))
    #expect(close(try f.jacobian(at: x, mode: .forward)[0], softmax))
    #expect(try compile("logsumexp(x)", [("x", .vector(2))]).evaluate([-Double.infinity, -.infinity]) == [-.infinity])
  }

  @Test func normIsSafeAtZeroAndAtLargeInputs() throws {
    let f = try compile("norm(x)", [("x", .vector(2))])
    #expect(f.evaluate([3.0, 4]) == [5])
    #expect(close(try f.gradient(at: [3.0, 4]), [0.6, 0.8]))
    #expect(f.evaluate([0.0, 0]) == [0])
    #expect(try f.gradient(at: [0.0, 0]) == [0, 0])
    #expect(try f.jacobian(at: [0.0, 0], mode: .forward) == [[0, 0]])
    #expect(close(f.evaluate([1e200, 1e200]), [1e200 * 2.0.squareRoot()]))
    #expect(close(try f.gradient(at: [0.0, -2]), [0, -1]))
  }

  @Test func matmulWithNumpySemantics() throws {
    let inputs: [(name: String, shape: Shape)] = [("w", .matrix(rows: 2, columns: 2)), ("x", .vector(2))]
    let point = [1.0, 2, 3, 4, 5, 6]
    let matrixVector = try compile("matmul(w, x)", inputs)
    #expect(matrixVector.outputShape == .vector(2))
    #expect(matrixVector.evaluate(point) == [17, 39])
    let expected: [[Double]] = [[5, 6, 0, 0, 1, 2], [0, 0, 5, 6, 3, 4]]
    let (forward, reverse) = try jacobians(matrixVector, at: point)
    #expect(forward == expected)
    #expect(reverse == expected)
    let vectorMatrix = try compile("matmul(x, w)", inputs)
    #expect(vectorMatrix.evaluate(point) == [23, 34])
    let matrixMatrix = try compile("matmul(w, w)", [("w", .matrix(rows: 2, columns: 2))])
    #expect(matrixMatrix.outputShape == .matrix(rows: 2, columns: 2))
    #expect(matrixMatrix.evaluate([1.0, 2, 3, 4]) == [7, 10, 15, 22])
    #expect(try compile("matmul(x, x)", [("x", .vector(2))]).evaluate([3.0, 4]) == [25])
    #expect(try compile("dot(x, x)", [("x", .vector(2))]).gradient(at: [3.0, 4]) == [6, 8])
  }

  @Test func bceWithLogitsIsStableAndRight() throws {
    let f = try compile("bce_with_logits(z, t)", [("z", .vector(3)), ("t", .vector(3))])
    let point = [0.0, 100, -100, 0, 0, 1]
    // Losses: log 2, 100, 100; gradient wrt z: (σ(z) − t)/3, wrt t: −z/3.
    #expect(close(f.evaluate(point), [(Double.log(2) + 200) / 3]))
    let expected = [0.5 / 3, 1.0 / 3, -1.0 / 3, 0, -100.0 / 3, 100.0 / 3]
    #expect(close(try f.gradient(at: point), expected))
    #expect(close(try f.jacobian(at: point, mode: .forward)[0], expected))
  }

  @Test func logisticModelSeedCase() throws {
    // z = matmul(x, w) + b with x = ones(2); loss = bce(z, 0): b.grad = σ(z)/2, rows of w.grad equal b.grad.
    let f = try compile(
      "bce_with_logits(matmul(x, w) + b, y)",
      [("x", .vector(2)), ("w", .matrix(rows: 2, columns: 2)), ("b", .vector(2)), ("y", .vector(2))])
    let point = [1.0, 1, 0.1, -0.2, 0.3, 0.4, 0.5, -0.5, 0, 0]
    let z = [0.1 + 0.3 + 0.5, -0.2 + 0.4 - 0.5]
    let bGrad = z.map { 1 / (1 + Double.exp(-$0)) / 2 }
    let g = try f.gradient(at: point)
    #expect(close(Array(g[6..<8]), bGrad))
    #expect(close(Array(g[2..<4]), bGrad))
    #expect(close(Array(g[4..<6]), bGrad))
  }

  @Test func broadcastingScalarsAndRows() throws {
    let f = try compile("2*x + b", [("x", .vector(3)), ("b", .scalar)])
    #expect(f.evaluate([1.0, 2, 3, 10]) == [12, 14, 16])
    #expect(try f.jacobian(at: [1.0, 2, 3, 10], mode: .reverse) == [[2, 0, 0, 1], [0, 2, 0, 1], [0, 0, 2, 1]])
    let rows = try compile("w + v", [("w", .matrix(rows: 2, columns: 2)), ("v", .vector(2))])
    #expect(rows.outputShape == .matrix(rows: 2, columns: 2))
    #expect(rows.evaluate([1.0, 2, 3, 4, 10, 20]) == [11, 22, 13, 24])
    // A wrong number of inputs is misuse: NaN outputs, not a crash.
    let misuse = rows.evaluate([1.0, 2])
    #expect(misuse.count == 4 && misuse.allSatisfy(\.isNaN))
  }

  @Test func elementwiseFunctionsUseTheRuleTable() throws {
    let x = 0.5
    func derivative(_ source: String) throws -> (value: Double, forward: Double, reverse: Double) {
      let f = try compile(source, [("x", .scalar)])
      return (f.evaluate([x])[0], try f.jacobian(at: [x], mode: .forward)[0][0], try f.gradient(at: [x])[0])
    }
    let cases: [(String, Double, Double)] = [
      ("sin(x)", Double.sin(x), Double.cos(x)),
      ("exp(x)", Double.exp(x), Double.exp(x)),
      ("log(x)", Double.log(x), 2),
      ("sqrt(x)", x.squareRoot(), 1 / (2 * x.squareRoot())),
      ("sigmoid(x)", 1 / (1 + Double.exp(-x)), Double.exp(-x) / ((1 + Double.exp(-x)) * (1 + Double.exp(-x)))),
      ("softplus(x)", Double.log(1 + Double.exp(x)), 1 / (1 + Double.exp(-x))),
      ("atan2(x, 1)", Double.atan(x), 1 / (1 + x * x)),
      ("pow(x, 3)", 0.125, 0.75),
      ("pow(2, x)", Double.pow(2, x), Double.pow(2, x) * Double.log(2)),
      ("max(x, 0.5)", 0.5, 0.5),
      ("min(x, 1)", 0.5, 1),
      ("relu(x - 0.5)", 0, 0),
      ("abs(x - 0.5)", 0, 0),
      ("log10(x)", Double.log10(x), 1 / (x * Double.log(10))),
      ("cbrt(x)", Double.cbrt(x), 1 / (3 * Double.cbrt(x) * Double.cbrt(x))),
      ("erf(x)", Double.erf(x), 2 / Double.pi.squareRoot() * Double.exp(-x * x)),
      ("logit(x)", 0, 4),
      ("logsigmoid(x)", -Double.log(1 + Double.exp(-x)), 1 / (1 + Double.exp(x))),
      ("xlogy(x, 3)", x * Double.log(3), Double.log(3)),
      ("xlogy(0 * x, 0)", 0, 0),
    ]
    for (source, value, slope) in cases {
      let r = try derivative(source)
      #expect(Swift.abs(r.value - value) <= 1e-15, "\(source)")
      #expect(Swift.abs(r.forward - slope) <= 1e-14, "\(source)")
      #expect(Swift.abs(r.reverse - slope) <= 1e-14, "\(source)")
    }
  }

  @Test func everyFunctionNameCompiles() throws {
    let names = [
      "exp", "log", "log1p", "expm1", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
      "tanh", "sigmoid", "softplus", "relu", "abs", "erf", "cbrt", "exp2", "log2", "log10", "erfc", "asinh",
      "atanh", "sum", "mean", "prod", "norm", "logsumexp",
    ]
    for name in names {
      let f = try compile("\(name)(x)", [("x", .vector(2))])
      let g = try f.jacobian(at: [0.25, 0.5], mode: .reverse)
      #expect(g == (try f.jacobian(at: [0.25, 0.5], mode: .forward)), "\(name)")
      #expect(g.allSatisfy { $0.allSatisfy(\.isFinite) }, "\(name)")
    }
    #expect(try compile("acosh(x)", [("x", .scalar)]).gradient(at: [2.0]).count == 1)
  }

  /// The language's names come from the rule table: each one compiles to its primitive, with
  /// the table's value and partial at the table's representative point, in both modes.
  @Test func everyNameOfTheRuleTableCompilesToItsPrimitive() throws {
    for rule in UnaryPrimitive.allCases {
      guard let name = rule.functionName, let x = rule.domain.points.first else { continue }
      let f = try compile("\(name)(x)", [("x", .scalar)])
      let (value, partial) = rule.evaluate(x)
      #expect(f.evaluate([x]) == [value], "\(name)")
      #expect(try f.gradient(at: [x]) == [partial], "\(name)")
      #expect(try f.jacobian(at: [x], mode: .forward) == [[partial]], "\(name)")
    }
    for rule in BinaryPrimitive.allCases {
      guard let name = rule.functionName else { continue }
      let (x, y) = rule.domain.point
      let f = try compile("\(name)(x, y)", [("x", .scalar), ("y", .scalar)])
      let (value, dx, dy) = rule.evaluate(x, y)
      #expect(f.evaluate([x, y]) == [value], "\(name)")
      #expect(try f.gradient(at: [x, y]) == [dx, dy], "\(name)")
    }
  }

  /// The doc comment of `Expression` lists the functions in prose (DocC cannot generate it) and
  /// the fuzzer's dictionary is a data file: the first must name exactly the table's functions,
  /// the second every one of them.
  @Test func documentedNamesMatchTheTable() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let source = try String(contentsOf: root.appendingPathComponent("Sources/DualADExpressions/Expression.swift"), encoding: .utf8)
    func listed(after marker: String) -> [String] {
      guard let start = source.range(of: marker), let end = source.range(of: ";", range: start.upperBound..<source.endIndex) else { return [] }
      return String(source[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "///", with: " ")
        .replacingOccurrences(of: "\\([^)]*\\)", with: "", options: .regularExpression)
        .split(whereSeparator: { ", \n".contains($0) }).map(String.init)
    }
    #expect(listed(after: "- elementwise:") == Expression.functionNames.elementwise)
    #expect(listed(after: "- elementwise with two arguments and broadcasting:") == Expression.functionNames.pairwise)
    // The fuzzer's dictionary of tokens (a data file) has every function too.
    let dictionary = try String(contentsOf: root.appendingPathComponent("Fuzz/expression.dict"), encoding: .utf8)
    let names = Expression.functionNames
    for name in names.elementwise + names.pairwise + names.reductionsAndProducts {
      #expect(dictionary.contains("\"\(name)(\""), "Fuzz/expression.dict lacks \(name)(")
    }
  }

  @Test func meanAndListLiterals() throws {
    let f = try compile("mean([x, 2*x, y])", [("x", .scalar), ("y", .scalar)])
    #expect(f.evaluate([3.0, 3]) == [4])
    #expect(try f.gradient(at: [3.0, 3]) == [1, 1.0 / 3])
  }

  @Test func runsInFloat() throws {
    let f = try compile("sum(x^2)", [("x", .vector(2))])
    #expect(f.evaluate([Float(1), 2]) == [5])
    #expect(try f.gradient(at: [Float(1), 2]) == [2, 4])
  }
}
