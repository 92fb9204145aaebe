@testable import DualAD
import Testing

// T.sum and T.dot in every mode, against values worked by hand and closed forms.

/// xᵀAx written as a user would, with T.dot: the row products first, then x·(Ax).
private func quadraticForm<T: ADScalar>(_ a: [[Double]], _ x: [T]) -> T {
  var ax: [T] = []
  for row in a { ax.append(T.dot(row.map { T.constant($0) }, x)) }
  return T.dot(x, ax)
}

/// xᵀAx with A's rows read as constants: T.dot(constants:_:) for Ax, then x·(Ax).
private func quadraticFormOfConstants<T: ADScalar>(_ a: [[Double]], _ x: [T]) -> T where T.Primal == Double {
  var ax: [T] = []
  for row in a { ax.append(T.dot(constants: row, x)) }
  return T.dot(x, ax)
}

/// log Σ exp(xₖ) with T.sum (the usual shift by the largest term).
private func logSumExp<T: ADScalar>(_ x: [T]) -> T {
  var m = x[0]
  for v in x where v > m { m = v }
  return m + .log(T.sum(x.map { .exp($0 - m) }))
}

private let matrix: [[Double]] = [[1, 2, 0], [3, -1, 4], [0.5, 2, 2]]
/// A + Aᵀ by hand.
private let symmetrized: [[Double]] = [[2, 5, 0.5], [5, -2, 6], [0.5, 6, 4]]

@Suite("Reductions T.sum and T.dot")
struct ReductionTests {
  @Test("Plain values: left-to-right sums")
  func plainValues() throws {
    #expect(Double.sum([1, 2, 3.5]) == 6.5)
    #expect(Double.sum([]) == 0)
    #expect(Double.dot([1, 2, 3], [4, 5, 6]) == 32)
    #expect(Float.dot([0.5, -2], [4, 0.25]) == 1.5)
  }

  @Test("On a tape: one node with every term as a parent")
  func oneNode() throws {
    let tape = Tape<Double>()
    let x = tape.variables([1, 2, 3, 4, 5, 6])
    let s = Variable.sum(x)
    #expect(s.value == 21)
    #expect(tape.nodeCount == 8 && tape.operandCount == 6)
    #expect(try tape.gradient(of: s, withRespectTo: x) == [1, 1, 1, 1, 1, 1])
    // d(a·b) = (b, a) with a = x₀…₂, b = x₃…₅: one more node, six more operands.
    let d = Variable.dot(Array(x[0..<3]), Array(x[3..<6]))
    #expect(d.value == 32)
    #expect(tape.nodeCount == 9 && tape.operandCount == 12)
    #expect(try tape.gradient(of: d, withRespectTo: x) == [4, 5, 6, 1, 2, 3])
    // d(x·x) = 2x, one operand per element.
    let q = Variable.dot(x, x)
    #expect(q.value == 91 && tape.operandCount == 18)
    #expect(try tape.gradient(of: q, withRespectTo: x) == [2, 4, 6, 8, 10, 12])
  }

  @Test("A lazy map's terms are computed once and written as they come; a slice is summed in place")
  func lazyMapAndSlice() throws {
    let tape = Tape<Double>()
    let x = tape.variables([1, 2, 3])
    var calls = 0
    // Rosenbrock's two terms at (1, 2, 3): 100·1² + 0² = 100 and 100·(−1)² + (−1)² = 101.
    let f = Variable.sum((0..<2).lazy.map { i in
      calls += 1
      let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
      return 100 * a * a + b * b
    })
    #expect(f.value == 201 && calls == 2)
    // Each term depends on two nodes: one node, four operands.
    #expect(tape.nodeCount == 5 && tape.operandCount == 4)
    // ∂f/∂x₀ = −400x₀a₀ − 2b₀, ∂f/∂x₁ = 200a₀ − 400x₁a₁ − 2b₁, ∂f/∂x₂ = 200a₁ with a = (1, −1), b = (0, −1).
    #expect(try tape.gradient(of: f, withRespectTo: x) == [-400, 1002, -200])
    let s = Variable.sum(x[1...])
    #expect(s.value == 5)
    #expect(try tape.gradient(of: s, withRespectTo: x) == [0, 1, 1])
  }

  @Test("Constant terms are skipped; terms on two nodes record nothing")
  func constantsAndFewNodes() throws {
    let tape = Tape<Double>()
    let x = tape.variables([2, 3])
    let c: [Variable<Double>] = [Variable(10), Variable(20)]
    let y = Variable.dot(c, x)  // 10x₀ + 20x₁: two nodes, a combination
    #expect(y.value == 80 && tape.operandCount == 0)
    #expect(try tape.gradient(of: y, withRespectTo: x) == [10, 20])
    #expect(!Variable.sum(c).isRecorded && Variable.sum(c).value == 30)
  }

  @Test("Forward mode: one pass, the same derivatives")
  func forwardMode() throws {
    // d/dt Σ (x + t v)ₖ = Σ vₖ; d/dt (x + tv)·(x + tv) = 2x·v = 2(1·1 + 2·0 + 3·(−1)) = −4.
    let (value, tangent) = try jvp(at: [1.0, 2, 3], tangent: [1, 0, -1]) { x in [Dual.sum(x), Dual.dot(x, x)] }
    #expect(value == [6, 14] && tangent == [0, -4])
    let j = try vectorForwardJacobian(at: [1.0, 2, 3, 4]) { x in
      [DualVector.sum(x), DualVector.dot(Array(x[0..<2]), Array(x[2..<4]))]
    }
    #expect(j == [[1, 1, 1, 1], [3, 4, 1, 2]])
  }

  @Test("The Hessian of xᵀAx is A + Aᵀ in every second-order mode")
  func quadraticFormHessian() throws {
    let x: [Double] = [0.5, -1, 2]
    #expect(try hessian(at: x) { x in quadraticForm(matrix, x) } == symmetrized)
    #expect(try forwardOverForwardHessian(at: x) { x in quadraticForm(matrix, x) } == symmetrized)
    // H·v along e₁ and along (1, 1, 1): a column and the row sums of A + Aᵀ.
    #expect(try hessianVectorProduct(at: x, direction: [0, 1, 0]) { x in quadraticForm(matrix, x) } == [5, -2, 6])
    #expect(try hessianVectorProduct(at: x, direction: [1, 1, 1]) { x in quadraticForm(matrix, x) } == [7.5, 9, 10.5])
    // The gradient (A + Aᵀ)x = (2·0.5 − 5 + 1, 2.5 + 2 + 12, 0.25 − 6 + 8).
    #expect(try gradient(at: x) { x in quadraticForm(matrix, x) } == [-3, 16.5, 2.25])
  }

  @Test("Constant weights: one node with only the variables as parents, exact at every order")
  func constantWeights() throws {
    let tape = Tape<Double>()
    let x = tape.variables([1, 2, 3])
    // d(4x₀ − x₁ + 0.5x₂) = (4, −1, 0.5); value 4 − 2 + 1.5.
    let y = Variable.dot(constants: [4, -1, 0.5], x)
    #expect(y.value == 3.5 && tape.nodeCount == 5 && tape.operandCount == 3)
    #expect(try tape.gradient(of: y, withRespectTo: x) == [4, -1, 0.5])
    // Constant variables among the bₖ are skipped: 4x₀ − 7 + 0.5x₂ depends on two nodes.
    let z = Variable.dot(constants: [4, -1, 0.5], [x[0], Variable(7), x[2]])
    #expect(z.value == -1.5 && tape.operandCount == 3)
    #expect(try tape.gradient(of: z, withRespectTo: x) == [4, 0, 0.5])
    #expect(Double.dot(constants: [2, 3], [5, 7]) == 31)
    let (value, tangent) = try jvp(at: [1.0, 2, 3], tangent: [1, 1, 0]) { x in [Dual.dot(constants: [4, -1, 0.5], x)] }
    #expect(value == [3.5] && tangent == [3])
    let x0: [Double] = [0.5, -1, 2]
    #expect(try gradient(at: x0) { x in quadraticFormOfConstants(matrix, x) } == [-3, 16.5, 2.25])
    #expect(try hessian(at: x0) { x in quadraticFormOfConstants(matrix, x) } == symmetrized)
    #expect(try forwardOverForwardHessian(at: x0) { x in quadraticFormOfConstants(matrix, x) } == symmetrized)
    #expect(try hessianVectorProduct(at: x0, direction: [1, 1, 1]) { x in quadraticFormOfConstants(matrix, x) } == [7.5, 9, 10.5])
  }

  @Test("On a tape the value is the left-to-right sum, bit for bit, on every recording path")
  func valueOrder() throws {
    // Left to right, 10¹⁶ + 1 rounds to 10¹⁶, so ((10¹⁶ + 1) − 10¹⁶) + 1 = 1; any other
    // grouping gives 0 or 2.
    let weights: [Double] = [1e16, 1, -1e16, 1]
    #expect(Double.dot(constants: weights, [1, 1, 1, 1]) == 1)
    let tape = Tape<Double>()
    let x = tape.variables([1, 1, 1])
    // Constants before, between and after the recorded terms.
    let mixed: [Variable<Double>] = [Variable(1), x[0], Variable(1), x[1]]
    #expect(Variable.dot(constants: weights, mixed).value == 1)
    #expect(Variable.dot(constants: weights, [x[0], x[1], x[2], Variable(1)]).value == 1)
    #expect(Variable.dot(weights.map { Variable($0) }, mixed).value == 1)
    #expect(Variable.dot(mixed, weights.map { Variable($0) }).value == 1)
    // dot(a, a) with squares 10¹⁶, 1, 1, 1, 1: left to right each 1 is lost (10¹⁶ + 1 rounds
    // to even, 10¹⁶); the four 1s added first would give 10¹⁶ + 4.
    let squares = tape.variables([1e8, 1, 1, 1, 1])
    #expect(Variable.dot(squares, squares).value == 1e16)
    // Terms of another tape: nothing is recorded, and the value is still the same sum.
    let other = Tape<Double>()
    let y = other.variables([1])
    #expect(Variable.dot(constants: weights, [x[0], y[0], Variable(1), x[1]]).value == 1)
    #expect(Variable.dot([x[0], y[0], Variable(1), x[1]], weights.map { Variable($0) }).value == 1)
  }

  @Test("Reverse over reverse: the Hessian of xᵀAx from a tape of variables")
  func reverseOverReverse() throws {
    let inner = Tape<Double>()
    let point = inner.variables([0.5, -1, 2])
    let g = try gradient(at: point) { x in quadraticForm(matrix, x) }
    for i in 0..<3 {
      #expect(try inner.gradient(of: g[i], withRespectTo: point) == symmetrized[i])
    }
  }

  @Test("log-sum-exp with T.sum: the softmax as gradient, the closed-form Hessian diag(p) − ppᵀ")
  func logSumExpClosedForm() throws {
    let x: [Double] = [0.3, -1.2, 2.0, 0.7]
    let e = x.map { Double.exp($0) }
    let total = e[0] + e[1] + e[2] + e[3]
    let p = e.map { $0 / total }
    let g = try gradient(at: x) { x in logSumExp(x) }
    for k in 0..<4 { #expect(Swift.abs(g[k] - p[k]) <= 1e-15) }
    let h = try hessian(at: x) { x in logSumExp(x) }
    for i in 0..<4 {
      for j in 0..<4 {
        let expected = (i == j ? p[i] : 0) - p[i] * p[j]
        #expect(Swift.abs(h[i][j] - expected) <= 1e-15)
      }
    }
  }
}
