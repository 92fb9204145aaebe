import DualAD
import DualADExpressions
import Testing

// Hostile inputs end in a clear error or a correct result: never a crash, a hang or a stack
// overflow. Expected values are closed forms.

@Suite("Hostile inputs to the expression language")
struct HostileInputTests {
  private func kind(_ body: () throws -> Void) -> ExpressionError.Kind? {
    do {
      try body()
      return nil
    } catch { return (error as? ExpressionError)?.kind }
  }

  /// Every recursive form of the grammar, 100 000 levels deep.
  static let deepForms: [String] = {
    let n = 100_000
    return [
      String(repeating: "(", count: n) + "x" + String(repeating: ")", count: n),
      String(repeating: "x^", count: n) + "x",
      String(repeating: "-(", count: n) + "x" + String(repeating: ")", count: n),
      String(repeating: "exp(", count: n) + "x" + String(repeating: ")", count: n),
      String(repeating: "[", count: n) + "1" + String(repeating: "]", count: n),
    ]
  }()

  @Test("100 000 levels of nesting are refused at level 257", arguments: 0..<5)
  func deepNesting(form: Int) {
    #expect(kind { _ = try Expression(Self.deepForms[form]) } == .nestingTooDeep(limit: 256))
  }

  @Test("a 10 MB expression is refused at once; 1 MiB is the documented limit")
  func tenMegabytes() {
    let source = "x" + String(repeating: "+x", count: 5_000_000)
    #expect(kind { _ = try Expression(source) } == .tooLong(length: 10_000_001, limit: 1_048_576))
    #expect(Expression.maximumLength == 1_048_576)
  }

  @Test("a flat chain of 50 000 additions: value, gradient and printed form in linear time")
  func longChain() throws {
    let terms = 50_000
    let e = try Expression("x" + String(repeating: "+x", count: terms - 1))
    let f = try e.compiled(for: [("x", .scalar)])
    #expect(f.evaluate([0.5]) == [25_000])
    #expect(try f.gradient(at: [0.5]) == [50_000])
    #expect(try f.jacobian(at: [0.5], mode: .forward) == [[50_000]])
    // "((x + x) + x)…": one "(" and " + x)" per addition, plus the first x.
    #expect(e.description.utf8.count == (terms - 1) * 6 + 1)
  }

  @Test("a vector of 10⁶ elements evaluates; its derivatives at 10⁵ (debug builds are slow)")
  func millionElements() throws {
    let n = 1_000_000
    let x = (0..<n).map { Double($0 % 1000) / 8 }
    let squares = try Expression("sum(x*x)").compiled(for: [("x", .vector(n))])
    // Σ over 1000 blocks of Σₖ (k/8)² = 1000 · (999·1000·1999/6)/64, exact in binary.
    let blockSum: Double = 999.0 * 1000 * 1999 / 6 / 64
    #expect(squares.evaluate(x) == [1000 * blockSum])
    #expect(kind { _ = try Expression("x + y").compiled(for: [("x", .vector(n)), ("y", .vector(n - 1))]) }
      == .shapeMismatch(operation: "+", lhs: .vector(n), rhs: .vector(n - 1), dimension: 0))
    let m = 100_000
    let small = Array(x.prefix(m))
    let sum = try Expression("sum(x)").compiled(for: [("x", .vector(m))])
    #expect(try sum.gradient(at: small) == [Double](repeating: 1, count: m))
    let square = try Expression("x*x").compiled(for: [("x", .vector(m))])
    let (value, jvp) = try square.jvp(at: small, tangent: [Double](repeating: 1, count: m))
    #expect(value[999] == 124.875 * 124.875)
    #expect(jvp == small.map { 2 * $0 })  // d(x²)·1 = 2x, exact in binary
  }

  @Test("±∞ inputs give the IEEE limits of the value and of the derivative in both modes")
  func infiniteInputs() throws {
    // (expression, x, value, derivative), each a limit by hand: e.g. σ(∞) = 1, σ′ = σ(1 − σ) → 0.
    let cases: [(String, Double, Double, Double)] = [
      ("exp(x)", -.infinity, 0, 0),
      ("exp(x)", .infinity, .infinity, .infinity),
      ("sigmoid(x)", .infinity, 1, 0),
      ("sigmoid(x)", -.infinity, 0, 0),
      ("softplus(x)", -.infinity, 0, 0),
      ("softplus(x)", .infinity, .infinity, 1),
      ("tanh(x)", .infinity, 1, 0),
      ("x*x", -.infinity, .infinity, -.infinity),
      ("atan(x)", .infinity, Double.pi / 2, 0),
    ]
    for (source, x, value, derivative) in cases {
      let f = try Expression(source).compiled(for: [("x", .scalar)])
      #expect(f.evaluate([x]) == [value], "\(source) at \(x)")
      #expect(try f.gradient(at: [x]) == [derivative], "reverse \(source) at \(x)")
      #expect(try f.jacobian(at: [x], mode: .forward) == [[derivative]], "forward \(source) at \(x)")
    }
  }

  @Test("NaN inputs propagate NaN to the value and the derivatives, never to a crash")
  func nanInputs() throws {
    let f = try Expression("sum(log(x) * x)").compiled(for: [("x", .vector(2))])
    #expect(f.evaluate([Double.nan, 1])[0].isNaN)
    let g = try f.gradient(at: [.nan, 1])
    #expect(g[0].isNaN)
    #expect(g[1] == 1)  // log 1 + 1 = 1, untouched by the NaN in the other slot
    let h = try f.hessian(at: [.nan, 1])
    #expect(h[0][0].isNaN)
    #expect(h[1][1] == 1)  // 1/x at 1
  }

  @Test("empty vectors: reductions give their identities, derivatives at no input throw")
  func emptyVectors() throws {
    let inputs: [(name: String, shape: Shape)] = [("x", .vector(0))]
    #expect(try Expression("sum(x)").compiled(for: inputs).evaluate([Double]()) == [0])
    #expect(try Expression("prod(x)").compiled(for: inputs).evaluate([Double]()) == [1])
    #expect(try Expression("logsumexp(x)").compiled(for: inputs).evaluate([Double]()) == [-.infinity])
    #expect(try Expression("mean(x)").compiled(for: inputs).evaluate([Double]())[0].isNaN)
    #expect(try Expression("x*2").compiled(for: inputs).evaluate([Double]()) == [])
    let f = try Expression("sum(x)").compiled(for: inputs)
    #expect(throws: DifferentiationError.emptyInput(operator: "gradient(at:)")) { try f.gradient(at: [Double]()) }
    #expect(throws: DifferentiationError.emptyInput(operator: "forwardJacobian(at:of:)")) {
      try f.jacobian(at: [Double](), mode: .forward)
    }
    // (2×0)·(0×3) is the 2×3 zero matrix, as in numpy.
    let m = try Expression("matmul(a, b)").compiled(for: [("a", .matrix(rows: 2, columns: 0)), ("b", .matrix(rows: 0, columns: 3))])
    #expect(m.evaluate([Double]()) == [0, 0, 0, 0, 0, 0])
  }

  @Test("a NaN in the cotangent reaches only the inputs it weighs")
  func nanCotangent() throws {
    let f = try Expression("x*x").compiled(for: [("x", .vector(2))])
    let (value, vjp) = try f.vjp(at: [1.0, 2], cotangent: [.nan, 1])
    #expect(value == [1, 4])
    #expect(vjp[0].isNaN)
    #expect(vjp[1] == 4)  // 1 · 2x at 2: y₀ does not depend on x₁, so its NaN weight never reaches it
  }

  @Test("a wrong number of inputs evaluates to NaN outputs, not to a crash")
  func wrongInputCount() throws {
    let f = try Expression("x*2").compiled(for: [("x", .vector(3))])
    let y: [Double] = f.evaluate([1, 2])
    #expect(y.count == 3)
    #expect(y.allSatisfy { $0.isNaN })
  }
}
