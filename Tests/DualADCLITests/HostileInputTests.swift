import Testing

// Hostile input to the command: a clear error (exit 2) or a correct result, never a crash.
// Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so a 10 MB expression cannot reach the
// command at all; the largest argument that fits stands in for it (the library's limit of 1 MiB
// is tested in DualADExpressionsTests).
@Suite("dual-ad: hostile input")
struct CLIHostileInputTests {
  @Test("the longest expression one argument holds: 65 536 terms, gradient 65 536")
  func longestArgument() throws {
    let source = "x" + String(repeating: "+x", count: 65_535)  // 131 071 bytes and the NUL
    #expect(source.utf8.count == 131_071)
    let r = try DualADRunner.run(["gradient", source, "--at", "x=0.5", "--mode", "reverse"])
    #expect(r.exitCode == 0)
    #expect(r.stdout == "65536\n")
  }

  @Test("NaN and ±∞ inputs give IEEE results and exit 0; the gradient check refuses them")
  func nonFiniteInputs() throws {
    let nan = try DualADRunner.run(["gradient", "x*x", "--at", "x=nan", "--mode", "reverse"])
    #expect(nan.exitCode == 0)
    #expect(nan.stdout == "nan\n")
    let infinite = try DualADRunner.run(["gradient", "exp(x)", "--at", "x=-inf", "--mode", "forward"])
    #expect(infinite.exitCode == 0)
    #expect(infinite.stdout == "0\n")
  }

  @Test("an empty vector is bad input")
  func emptyVector() throws {
    let r = try DualADRunner.run(["gradient", "sum(x)", "--at", "x=[]"])
    #expect(r.exitCode == 2)
    #expect(r.stderr == "malformed value for 'x': the array is empty; write x=1.5, x=1,2,3 or x=[[1,2],[3,4]]\n")
  }

  @Test("a vector as long as one argument holds (16 383 elements) differentiates")
  func longVector() throws {
    let n = 16_383
    let values = [String](repeating: "7", count: n).joined(separator: ",")  // 32 765 bytes
    let r = try DualADRunner.run(["jvp", "sum(x*x)", "--at", "x=" + values, "--tangent", values, "--mode", "forward"])
    #expect(r.exitCode == 0)
    #expect(r.stdout == "\(2 * 7 * 7 * n)\n")  // Σ 2xᵢtᵢ with xᵢ = tᵢ = 7
  }
}
