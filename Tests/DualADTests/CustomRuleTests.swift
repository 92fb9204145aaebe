import Foundation
import Testing
import DualAD

/// r = √(x₀² + x₁² + x₂²) with ∂r/∂xⱼ = xⱼ/r, generic: differentiable again.
private struct Hypot3: CustomRule {
  var inputCount: Int { 3 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [T.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> { .partials([x.map { $0 / y[0] }]) }
}

/// (x, y) ↦ (x·y, x + y) in the form chosen at creation.
private struct ProductAndSum: CustomRule {
  enum Form { case partials, jvp, vjp, products }
  var form: Form
  var name: String { "ProductAndSum(\(form))" }
  var inputCount: Int { 2 }
  var outputCount: Int { 2 }
  func value<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1], x[0] + x[1]] }
  func derivative<T: ADScalar>(at x: [T], value y: [T]) -> CustomDerivative<T> {
    let jvp = { (t: [T]) in [x[1] * t[0] + x[0] * t[1], t[0] + t[1]] }
    let vjp = { (v: [T]) in [x[1] * v[0] + v[1], x[0] * v[0] + v[1]] }
    switch form {
    case .partials: return .partials([[x[1], x[0]], [1, 1]])
    case .jvp: return .jvp(jvp)
    case .vjp: return .vjp(vjp)
    case .products: return .products(jvp: jvp, vjp: vjp)
    }
  }
}

/// x·y² as a binary rule: ∂/∂x = y², ∂/∂y = 2xy.
private struct TimesSquare: BinaryRule {
  var nanPartial = false
  func evaluate<T: ADScalar>(_ x: T, _ y: T) -> (value: T, dx: T, dy: T) {
    (x * y * y, nanPartial ? T(T.Primal.nan) : y * y, 2 * x * y)
  }
}

private let logistic = FirstOrderRule(
  name: "logistic", inputs: 1, value: { x in [1 / (1 + Foundation.exp(-x[0]))] },
  partials: { _, y in [[y[0] * (1 - y[0])]] })

@Suite("Custom rules: user-defined primitives in every mode")
struct CustomRuleTests {
  @Test("Plain Double and Float evaluation calls the value only")
  func plainEvaluation() throws {
    #expect(try Hypot3()(1.0, 2.0, 2.0) == 3)
    #expect(try Hypot3()([Float(3), 4, 12]) == [13])
  }

  @Test("Gradient of √(x² + y² + z²) at (1, 2, 2) is (1, 2, 2)/3 in every mode")
  func firstOrderEveryMode() throws {
    let x: [Double] = [1, 2, 2]
    let expected: [Double] = [1.0 / 3, 2.0 / 3, 2.0 / 3]
    let reverse = try gradient(at: x) { (v: [Variable<Double>]) throws(DifferentiationError) in try Hypot3()(v[0], v[1], v[2]) }
    let forward = try forwardJacobian(at: x) { (v: [Dual<Double>]) throws(DifferentiationError) in try Hypot3()(v) }
    let vector = try vectorForwardJacobian(at: x) { (v: [DualVector<8, Double>]) throws(DifferentiationError) in try Hypot3()(v) }
    for j in 0..<3 {
      #expect(Swift.abs(reverse[j] - expected[j]) < 1e-15)
      #expect(Swift.abs(forward[0][j] - expected[j]) < 1e-15)
      #expect(Swift.abs(vector[0][j] - expected[j]) < 1e-15)
    }
  }

  @Test("Composed: f = r² + sin x₀ has ∇f = 2x + (cos x₀, 0, 0)")
  func composed() throws {
    let x: [Double] = [0.5, -1, 2]
    let g = try gradient(at: x) { (v: [Variable<Double>]) throws(DifferentiationError) in
      let r = try Hypot3()(v[0], v[1], v[2])
      return r * r + .sin(v[0])
    }
    let expected: [Double] = [2 * 0.5 + Foundation.cos(0.5), -2, 4]
    for j in 0..<3 { #expect(Swift.abs(g[j] - expected[j]) < 1e-14) }
  }

  @Test("A rule used twice in one statement and a constant input: each use has its own node")
  func constantsAndReuse() throws {
    // f(a, b) = hypot3(a, b, 2) + hypot3(b, a, 2): ∂f/∂a = 2a/r, with r = √(a² + b² + 4).
    let g = try gradient(at: [1.0, 2.0]) { (v: [Variable<Double>]) throws(DifferentiationError) in
      try Hypot3()(v[0], v[1], 2) + Hypot3()(v[1], v[0], 2)
    }
    #expect(Swift.abs(g[0] - 2.0 / 3) < 1e-15)
    #expect(Swift.abs(g[1] - 4.0 / 3) < 1e-15)
  }

  @Test("All four derivative forms give J = [[y, x], [1, 1]] forward and reverse", arguments: [
    ProductAndSum.Form.partials, .jvp, .vjp, .products,
  ])
  fileprivate func forms(_ form: ProductAndSum.Form) throws {
    let rule = ProductAndSum(form: form)
    let expected: [[Double]] = [[5, 3], [1, 1]]
    let forward = try forwardJacobian(at: [3.0, 5.0]) { (v: [Dual<Double>]) throws(DifferentiationError) in try rule(v) }
    let reverse = try reverseJacobian(at: [3.0, 5.0]) { (v: [Variable<Double>]) throws(DifferentiationError) in try rule(v) }
    let vector = try vectorForwardJacobian(at: [3.0, 5.0]) { (v: [DualVector<8, Double>]) throws(DifferentiationError) in try rule(v) }
    #expect(forward == expected)
    #expect(reverse == expected)
    #expect(vector == expected)
  }

  @Test("Hessian of √(x² + y² + z²) at (1, 2, 2) is (I − xxᵀ/9)/3, both Hessian modes")
  func secondOrder() throws {
    let x: [Double] = [1, 2, 2]
    let r = 3.0
    let overReverse = try hessian(at: x) { (v: [Variable<DualVector<8, Double>>]) throws(DifferentiationError) in try Hypot3()(v[0], v[1], v[2]) }
    let overForward = try forwardOverForwardHessian(at: x) { (v: [Dual<Dual<Double>>]) throws(DifferentiationError) in try Hypot3()(v[0], v[1], v[2]) }
    let hv = try hessianVectorProduct(at: x, direction: [1, 0, 0]) { (v: [Variable<Dual<Double>>]) throws(DifferentiationError) in try Hypot3()(v[0], v[1], v[2]) }
    for i in 0..<3 {
      for j in 0..<3 {
        let expected = ((i == j ? 1 : 0) - x[i] * x[j] / (r * r)) / r
        #expect(Swift.abs(overReverse[i][j] - expected) < 1e-14)
        #expect(Swift.abs(overForward[i][j] - expected) < 1e-14)
      }
      let expected = ((i == 0 ? 1 : 0) - x[i] * x[0] / (r * r)) / r
      #expect(Swift.abs(hv[i] - expected) < 1e-14)
    }
  }

  @Test("A first-order rule: σ′(0) = 1/4 forward, reverse and in Float")
  func firstOrderRule() throws {
    #expect(try derivative(at: 0.0) { (x: Dual<Double>) throws(DifferentiationError) in try logistic(x) } == 0.25)
    #expect(try gradient(at: [0.0]) { (x: [Variable<Double>]) throws(DifferentiationError) in try logistic(x[0]) } == [0.25])
    #expect(try derivative(at: Float(0)) { (x: Dual<Float>) throws(DifferentiationError) in try logistic(x) } == 0.25)
  }

  @Test("A first-order rule differentiated twice throws, naming the rule: never a silent zero")
  func firstOrderRuleTwice() {
    let expected = DifferentiationError.customRule(name: "logistic", problem: .notTwiceDifferentiable(type: "Dual<Double>"))
    #expect(throws: expected) {
      try secondDerivative(at: 0.0) { (x: Dual<Dual<Double>>) throws(DifferentiationError) in try logistic(x) }
    }
    #expect(throws: expected) {
      try hessianVectorProduct(at: [0.0], direction: [1]) { (x: [Variable<Dual<Double>>]) throws(DifferentiationError) in try logistic(x[0]) }
    }
    #expect(expected.description.hasPrefix("custom rule logistic: its derivative is first-order only"))
  }

  @Test("Nested derivative through a generic rule: d/dx of (d/dy hypot3(x, y, 2) at y = 1) at x = 2 is −2/27")
  func nested() throws {
    // ∂r/∂y = y/r; ∂/∂x (y/r) = −xy/r³ = −2/27 at (2, 1, 2), r = 3.
    let d = try derivative(at: 2.0) { (x: Dual<Double>) throws(DifferentiationError) in
      try derivative(at: Dual(1.0)) { (y: Dual<Dual<Double>>) throws(DifferentiationError) in
        try Hypot3()(Dual(constant: x), y, 2)
      }
    }
    #expect(Swift.abs(d - (-2.0 / 27)) < 1e-15)
  }

  @Test("A rule of three inputs records one tape node with three parents")
  func oneNodePerOutput() throws {
    let tape = Tape<Double>()
    let x = tape.variables([1, 2, 2])
    let nodes = tape.nodeCount, operands = tape.operandCount
    let r = try Hypot3()(x[0], x[1], x[2])
    #expect(tape.nodeCount == nodes + 1)
    #expect(tape.operandCount == operands + 3)
    let g = try tape.gradient(of: r, withRespectTo: x)
    #expect(g.map { ($0 * 3).rounded() } == [1, 2, 2])
  }
}

private struct TestFailure: Error, CustomStringConvertible {
  var description: String { "the solver did not converge" }
}

@Suite("Custom rules: bad rules get a typed error naming the rule")
struct CustomRuleBadInputTests {
  static let square: @Sendable ([Double]) -> [Double] = { x in [x[0] * x[0]] }

  @Test("Wrong lengths of the value, the partials, a JVP or a VJP")
  func wrongLengths() {
    let longValue = FirstOrderRule(name: "longValue", inputs: 1, value: { x in [x[0], x[0]] }, partials: { x, _ in [[2 * x[0]]] })
    let shortRow = FirstOrderRule(name: "shortRow", inputs: 2, value: { x in [x[0] * x[1]] }, partials: { x, _ in [[x[1]]] })
    let longJVP = FirstOrderRule(name: "longJVP", inputs: 1, value: Self.square, jvp: { x, _, t in [2 * x[0] * t[0], 0] })
    let shortVJP = FirstOrderRule(name: "shortVJP", inputs: 2, value: { x in [x[0] * x[1]] }, vjp: { _, _, _ in [1] })
    #expect(throws: DifferentiationError.customRule(name: "longValue", problem: .wrongLength(what: "value", expected: 1, got: 2))) {
      try longValue([3.0])
    }
    #expect(throws: DifferentiationError.customRule(name: "shortRow", problem: .wrongLength(what: "partials row 0", expected: 2, got: 1))) {
      try gradient(at: [1.0, 2.0]) { (x: [Variable<Double>]) throws(DifferentiationError) in try shortRow(x[0], x[1]) }
    }
    #expect(throws: DifferentiationError.customRule(name: "longJVP", problem: .wrongLength(what: "jvp", expected: 1, got: 2))) {
      try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in try longJVP(x) }
    }
    #expect(throws: DifferentiationError.customRule(name: "shortVJP", problem: .wrongLength(what: "vjp", expected: 2, got: 1))) {
      try gradient(at: [1.0, 2.0]) { (x: [Variable<Double>]) throws(DifferentiationError) in try shortVJP(x[0], x[1]) }
    }
    #expect(throws: DifferentiationError.customRule(name: "shortRow", problem: .inputCount(expected: 2, got: 3))) {
      try shortRow([1.0, 2, 3])
    }
    let message = DifferentiationError.customRule(name: "shortVJP", problem: .wrongLength(what: "vjp", expected: 2, got: 1)).description
    #expect(message == "custom rule shortVJP: vjp returned 1 elements but 2 were expected; return one element per input")
  }

  @Test("A NaN partial where the value is finite, and a rule that throws")
  func nanAndThrowing() throws {
    let nanPartial = FirstOrderRule(name: "nanPartial", inputs: 1, value: Self.square, partials: { _, _ in [[.nan]] })
    let throwing = FirstOrderRule(name: "solver", inputs: 1, value: Self.square, partials: { _, _ in throw TestFailure() })
    #expect(throws: DifferentiationError.customRule(name: "nanPartial", problem: .nonFiniteDerivative(output: 0, input: 0))) {
      try derivative(at: 2.0) { (x: Dual<Double>) throws(DifferentiationError) in try nanPartial(x) }
    }
    #expect(throws: DifferentiationError.customRule(name: "solver", problem: .threw("the solver did not converge"))) {
      try gradient(at: [2.0]) { (x: [Variable<Double>]) throws(DifferentiationError) in try throwing(x[0]) }
    }
    // Plain evaluation calls the value only, so the broken derivative is not reached.
    #expect(try throwing([3.0]) == [9])
  }

  @Test("A failing rule records nothing: the tape stays consistent and later gradients are right")
  func tapeStaysConsistent() throws {
    let shortRow = FirstOrderRule(name: "shortRow", inputs: 2, value: { x in [x[0] * x[1]] }, partials: { x, _ in [[x[1]]] })
    let tape = Tape<Double>()
    let x = tape.variables([3, 5])
    let y = x[0] * x[1] + .sin(x[0])
    let nodes = tape.nodeCount, operands = tape.operandCount
    #expect(throws: DifferentiationError.self) { try shortRow(x[0], x[1]) }
    #expect(tape.nodeCount == nodes)
    #expect(tape.operandCount == operands)
    let g = try tape.gradient(of: y, withRespectTo: x)
    #expect(g == [5 + Foundation.cos(3), 3])
  }

  @Test("A binary rule: ∇(x·y²) at (3, 2) is (4, 12) in every mode, and its Hessian is [[0, 4], [4, 6]]")
  func binaryRule() throws {
    let rule = TimesSquare()
    #expect(try rule(3.0, 2.0) == 12)
    #expect(try gradient(at: [3.0, 2.0]) { (v: [Variable<Double>]) throws(DifferentiationError) in try rule(v[0], v[1]) } == [4, 12])
    let forward = try forwardJacobian(at: [3.0, 2.0]) { (v: [Dual<Double>]) throws(DifferentiationError) in [try rule(v[0], v[1])] }
    #expect(forward == [[4, 12]])
    // The array form of the same rule agrees.
    #expect(try gradient(at: [3.0, 2.0]) { (v: [Variable<Double>]) throws(DifferentiationError) in try rule(v)[0] } == [4, 12])
    let h = try hessian(at: [3.0, 2.0]) { (v: [Variable<DualVector<8, Double>>]) throws(DifferentiationError) in try rule(v[0], v[1]) }
    #expect(h == [[0, 4], [4, 6]])
    let hff = try forwardOverForwardHessian(at: [3.0, 2.0]) { (v: [Dual<Dual<Double>>]) throws(DifferentiationError) in try rule(v[0], v[1]) }
    #expect(hff == [[0, 4], [4, 6]])
  }

  @Test("A binary rule inside a statement records no more nodes than the built-in operations")
  func binaryRuleNodes() throws {
    let rule = TimesSquare()
    let tape = Tape<Double>()
    let x = tape.variables([3, 2, 5])
    let nodes = tape.nodeCount
    // x₂ + x₀·x₁²: three tape nodes meet, so one node with three parents, as x[2] + x[0] * x[1] * x[1].
    let y = try x[2] + rule(x[0], x[1])
    #expect(tape.nodeCount == nodes + 1)
    #expect(try tape.gradient(of: y, withRespectTo: x) == [4, 12, 1])
  }

  @Test("A binary rule with a NaN partial where its value is finite throws, naming it")
  func binaryRuleNaN() {
    let rule = TimesSquare(nanPartial: true)
    #expect(throws: DifferentiationError.customRule(name: "TimesSquare", problem: .nonFiniteDerivative(output: 0, input: 0))) {
      try gradient(at: [3.0, 2.0]) { (v: [Variable<Double>]) throws(DifferentiationError) in try rule(v[0], v[1]) }
    }
  }

  @Test("The documentation's examples compile as written and give the stated values")
  func documentedExamples() throws {
    let g = try gradient(at: [1.0, 2.0, 2.0]) { x throws(DifferentiationError) in try Hypot3()(x[0], x[1], x[2]) }
    #expect(g.map { ($0 * 3).rounded() } == [1, 2, 2])
    let d = try derivative(at: 0.0) { x throws(DifferentiationError) in try logistic(x) }
    #expect(d == 0.25)
  }
}
