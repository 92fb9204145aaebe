import Testing

/// Bad input: exit 2, one line on stderr, nothing on stdout.
@Suite("dual-ad: bad input")
struct BadInputTests {
  private func expectBadInput(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let r = try DualADRunner.run(arguments)
    #expect(r.exitCode == 2, sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(r.stderr == message + "\n", sourceLocation: sourceLocation)
  }

  @Test func parseErrors() throws {
    try expectBadInput(["gradient", "sinn(x)", "--at", "x=1"], "unknown function 'sinn' at column 1; did you mean 'sin'?")
    try expectBadInput(["gradient", "x+", "--at", "x=1"], "expected a number, a name or '(' at column 3, but found end of input")
    try expectBadInput(["gradient", "(x", "--at", "x=1"], "expected ')' at column 3 to close the '(' at column 1, but found end of input")
    try expectBadInput(["gradient", "2x", "--at", "x=1"], "malformed number '2x' at column 1; write 2*x for a product")
    // 60 000 levels: as deep as one command-line argument can be (128 KiB on Linux).
    let deep = String(repeating: "(", count: 60_000) + "x" + String(repeating: ")", count: 60_000)
    try expectBadInput(["gradient", deep, "--at", "x=1"], "expression nests deeper than 256 levels at column 257; simplify it or split it in parts")
  }

  @Test func namesAndValues() throws {
    try expectBadInput(["gradient", "x*y", "--at", "x=1"], "variable 'y' at column 3 has no value; give it one with --at y=VALUE")
    try expectBadInput(["gradient", "sum(x)", "--at", "x=1,2", "--at", "q=1"], "input 'q' is not a variable of the expression; remove it")
    try expectBadInput(["gradient", "sum(x)", "--at", "x=1,2,a"],
      "malformed value for 'x': 'a' is not a number; write x=1.5, x=1,2,3 or x=[[1,2],[3,4]]")
    try expectBadInput(["gradient", "x", "--at", "x"], "expected NAME=VALUE, e.g. x=1.5, x=1,2,3 or w=[[1,2],[3,4]], but got 'x'")
    try expectBadInput(["vjp", "x", "--at", "x=1", "--cotangent", "1,b"],
      "malformed value for 'cotangent': 'b' is not a number; write cotangent=1.5, cotangent=1,2,3 or cotangent=[[1,2],[3,4]]")
  }

  @Test func shapesAndLengths() throws {
    try expectBadInput(["jacobian", "x+y", "--at", "x=1,2", "--at", "y=1,2,3"],
      "the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0 in '+' at column 2; shapes [2] and [3] do not broadcast")
    try expectBadInput(["vjp", "x*x", "--at", "x=1,2", "--cotangent", "1"],
      "cotangent has 1 elements but the function has 2 outputs; pass one cotangent element per output")
    try expectBadInput(["jvp", "x*x", "--at", "x=1,2", "--tangent", "1,2,3"],
      "tangent has 3 elements but the function has 2 inputs; pass one tangent element per input")
    try expectBadInput(["gradient", "x*x", "--at", "x=1,16"], "grad can be implicitly created only for scalar outputs; use vjp or jacobian")
  }

  @Test func commandLineMistakes() throws {
    try expectBadInput(["gradient", "x", "--at", "x=1", "--mode", "bogus"],
      "The value 'bogus' is invalid for '--mode <mode>'. Please provide one of 'forward', 'reverse', 'numeric' or 'all'; see dual-ad --help")
    try expectBadInput(["frobnicate"], "Unexpected argument 'frobnicate'; see dual-ad --help")
    try expectBadInput(["vjp", "x", "--at", "x=1"], "Missing expected argument '--cotangent <v>'; see dual-ad --help")
  }

  @Test func leadingMinusIsAnExpression() throws {
    let r = try DualADRunner.run(["gradient", "-x^2", "--at", "x=3", "--mode", "reverse"])
    #expect(r.stdout == "-6\n")
    #expect(r.exitCode == 0)
  }
}
