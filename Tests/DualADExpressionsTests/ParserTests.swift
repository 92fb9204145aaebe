import DualADExpressions
import Testing

@Suite("Parser: precedence and associativity")
struct ParserTests {
  /// The fully parenthesized form shows the tree.
  private func tree(_ source: String) throws -> String { try Expression(source).description }

  @Test func productsBindTighterThanSums() throws {
    #expect(try tree("1+2*3") == "(1 + (2 * 3))")
    #expect(try tree("1*2+3") == "((1 * 2) + 3)")
    #expect(try tree("(1+2)*3") == "((1 + 2) * 3)")
  }

  @Test func subtractionAndDivisionAssociateLeft() throws {
    #expect(try tree("a-b-c") == "((a - b) - c)")
    #expect(try tree("a/b/c") == "((a / b) / c)")
    #expect(try tree("a-b+c") == "((a - b) + c)")
  }

  @Test func powerAssociatesRight() throws {
    #expect(try tree("2^3^2") == "(2 ^ (3 ^ 2))")
    #expect(try tree("x**2") == "(x ^ 2)")
  }

  @Test func powerBindsTighterThanUnaryMinus() throws {
    #expect(try tree("-x^2") == "(-(x ^ 2))")
    #expect(try tree("2^-1") == "(2 ^ (-1))")
    #expect(try tree("-a*b") == "((-a) * b)")
    #expect(try tree("--x") == "(-(-x))")
  }

  @Test func callsAndLists() throws {
    #expect(try tree("atan2(y, x) + sum([1, 2])") == "(atan2(y, x) + sum([1, 2]))")
    #expect(try tree("matmul(w, x)^2") == "(matmul(w, x) ^ 2)")
  }

  @Test func numbersInEveryForm() throws {
    let f = try Expression("1.5 + .5 + 2e3 + 1E-2").compiled(for: [(name: String, shape: Shape)]())
    #expect(f.evaluate([Double]()) == [2002.01])
  }

  @Test func arithmeticFollowsThePrecedence() throws {
    func value(_ source: String) throws -> Double {
      try Expression(source).compiled(for: [(name: String, shape: Shape)]()).evaluate([Double]())[0]
    }
    #expect(try value("-2^2") == -4)
    #expect(try value("2^3^2") == 512)
    #expect(try value("1-2-3") == -4)
    #expect(try value("8/4/2") == 1)
    #expect(try value("2^-1") == 0.5)
    #expect(try value("-3^2 + 2*3") == -3)
  }

  @Test func variablesInOrderOfAppearance() throws {
    #expect(try Expression("sum((w*x+b-y)^2) + w").variables == ["w", "x", "b", "y"])
  }

  @Test func longChainsNeedNoRecursion() throws {
    let source = Array(repeating: "x", count: 100_000).joined(separator: "+")
    let f = try Expression(source).compiled(for: [("x", .scalar)])
    #expect(f.evaluate([1.0]) == [100_000])
    #expect(try f.gradient(at: [1.0]) == [100_000])
  }
}
