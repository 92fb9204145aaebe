import Testing

// The messages that only the dual-ad command prints (DualAD.docc/ErrorCatalogue.md): exit 2 for
// bad input with one line on stderr, exit 1 when the modes disagree.
@Suite("Error catalogue: dual-ad")
struct CLIErrorCatalogueTests {
  private func expectFailure(
    _ arguments: [String], exitCode: Int32, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let r = try DualADRunner.run(arguments)
    #expect(r.exitCode == exitCode, sourceLocation: sourceLocation)
    #expect(r.stderr == message + "\n", sourceLocation: sourceLocation)
  }

  @Test func hessianOfAVector() throws {
    try expectFailure(["hessian", "x*x", "--at", "x=1,2"], exitCode: 2,
      "the expression given to hessian should return a single element, but it returns 2 (shape [2]); reduce it with sum(...), or use jacobian")
  }

  @Test func hessianWithoutInputs() throws {
    try expectFailure(["hessian", "2*3"], exitCode: 2,
      "hessian needs at least one input, but got an empty array; pass the point to differentiate at")
  }

  @Test("a gradient check outside the domain names GSL's reason")
  func checkOutsideTheDomain() throws {
    try expectFailure(["check", "log(x)", "--at", "x=0"], exitCode: 2,
      "output 0 of the function is -inf at the point; move the point inside the function's domain")
    try expectFailure(["check", "x*x", "--at", "x=inf"], exitCode: 2,
      "input 0 of the point is inf; check at a point where every coordinate is finite")
  }

  @Test func nonFiniteCotangentOrTangent() throws {
    try expectFailure(["vjp", "x*x", "--at", "x=1,2", "--cotangent", "nan,1"], exitCode: 2,
      "element 0 of the cotangent is nan; pass finite numbers, one per output")
    try expectFailure(["jvp", "x*x", "--at", "x=1,2", "--tangent", "1,-inf"], exitCode: 2,
      "element 1 of the tangent is -inf; pass finite numbers, one per input")
  }

  @Test("relu at its kink: AD takes 0 (PyTorch's convention), GSL's central difference 0.5, exit 1")
  func disagreement() throws {
    let gradient = try DualADRunner.run(["gradient", "relu(x)", "--at", "x=0"])
    #expect(gradient.exitCode == 1)
    #expect(gradient.stderr == "the modes disagree: max difference 0.5 is beyond tolerance\n")
    // check looks at the one-sided derivatives, 0 and 1: AD's 0 is one of them, a kink, not a failure.
    let check = try DualADRunner.run(["check", "relu(x)", "--at", "x=0"])
    #expect(check.exitCode == 0 && check.stderr.isEmpty)
    #expect(check.stdout.contains("kink at out 0, in 0: one-sided derivatives 0 (left), 1 (right); AD 0: between them"))
    try expectFailure(["check", "sqrt(x)", "--at", "x=0"], exitCode: 1,
      "the check is inconclusive: 1 entries could not be compared (non-finite or undecided; see the report)")
  }
}
