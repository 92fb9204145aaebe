import Foundation
import Testing

/// `dual-ad check`: verdicts, the JSON contract, fast mode, input files, bad input.
@Suite("dual-ad check")
struct CheckCommandTests {
  private func run(_ arguments: String..., standardInput: Data? = nil) throws -> DualADRunner.Run {
    try DualADRunner.run(arguments, standardInput: standardInput)
  }

  private func json(_ run: DualADRunner.Run) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
  }

  private func numbers(_ value: Any?) -> [Double]? { (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } }

  /// A file with the given text, removed by the caller.
  private func file(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dual-ad-\(UUID().uuidString).txt")
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test("abs at 0: verdict passed, the entry a kink with one_sided [−1, 1]")
  func kinkInJSON() throws {
    let r = try run("check", "abs(x)", "--at", "x=0", "--json")
    #expect(r.exitCode == 0 && r.stderr.isEmpty)
    let object = try json(r)
    #expect(object["verdict"] as? String == "passed")
    #expect(object["passed"] as? Bool == true)
    let entry = try #require((object["entries"] as? [[String: Any]])?.first)
    #expect(entry["verdict"] as? String == "kink")
    let sides = try #require(numbers(entry["one_sided"]))
    #expect(sides.count == 2 && Swift.abs(sides[0] + 1) < 1e-9 && Swift.abs(sides[1] - 1) < 1e-9)
    let taylor = try #require(object["taylor"] as? [String: Any])
    // |h·u| − 0: the residual of a kink falls like h.
    #expect(Swift.abs(((taylor["slope"] as? NSNumber)?.doubleValue ?? 0) - 1) < 0.05)
    #expect((taylor["residuals"] as? [Any])?.count == 36)
  }

  @Test("sqrt at 0: AD ∞ against a finite difference is non-finite, the check inconclusive, exit 1")
  func inconclusive() throws {
    let r = try run("check", "sqrt(x)", "--at", "x=0", "--json")
    #expect(r.exitCode == 1)
    #expect(r.stderr == "the check is inconclusive: 1 entries could not be compared (non-finite or undecided; see the report)\n")
    let object = try json(r)
    #expect(object["verdict"] as? String == "inconclusive")
    #expect(object["passed"] as? Bool == false)
    #expect((object["entries"] as? [[String: Any]])?.first?["verdict"] as? String == "non-finite")
  }

  @Test("A wrong derivative fails: max at a tie is a kink, 2·x from a sum of squares is right")
  func failedAndPassed() throws {
    let max = try json(try run("check", "max(x, y)", "--at", "x=2", "--at", "y=2", "--json"))
    #expect((max["entries"] as? [[String: Any]])?.map { $0["verdict"] as? String } == ["kink", "kink"])
    let sum = try run("check", "sum(x^2)", "--at", "x=1,2,3")
    #expect(sum.exitCode == 0)
    #expect(sum.stdout.hasPrefix("gradient check sum(x^2): PASSED (1 outputs × 3 inputs, Double, forward+reverse; 3 entries)"))
    #expect(sum.stdout.contains("taylor: ‖f(x+h·u) − f(x) − h·J·u‖ falls with slope 2.00"))
  }

  @Test("--fast --directions 3 --seed 9: three pairs, each vᵀJu three ways; no Jacobian in the output")
  func fastMode() throws {
    let r = try run("check", "sum(x^2)", "--at", "x=1,2,3,4", "--fast", "--directions", "3", "--seed", "9", "--json")
    #expect(r.exitCode == 0, "\(r.stderr)")
    let object = try json(r)
    #expect(object["modes"] == nil)
    let directions = try #require(object["directions"] as? [[String: Any]])
    #expect(directions.count == 3)
    for d in directions {
      let forward = try #require((d["forward"] as? NSNumber)?.doubleValue)
      let reverse = try #require((d["reverse"] as? NSNumber)?.doubleValue)
      let numeric = try #require((d["numeric"] as? NSNumber)?.doubleValue)
      #expect(Swift.abs(forward - reverse) < 1e-12 * Swift.max(1, Swift.abs(forward)))
      #expect(Swift.abs(forward - numeric) < 1e-6 * Swift.max(1, Swift.abs(forward)))
      #expect(d["verdict"] as? String == "pass")
    }
    // The same seed, the same directions.
    let again = try json(try run("check", "sum(x^2)", "--at", "x=1,2,3,4", "--fast", "--directions", "3", "--seed", "9", "--json"))
    #expect(numbers((again["directions"] as? [[String: Any]])?.map { $0["forward"] ?? 0 }) == numbers(directions.map { $0["forward"] ?? 0 }))
  }

  @Test("--at x=@PATH: a JSON array, whitespace-separated numbers, a matrix, and @- from standard input")
  func inputFiles() throws {
    let array = try file("[1, 2, 3]")
    let spaced = try file("1 2\n3\n")
    let matrix = try file("[[1, 2], [3, 4]]")
    defer { for url in [array, spaced, matrix] { try? FileManager.default.removeItem(at: url) } }
    // Σx² at (1, 2, 3) is 14, its gradient (2, 4, 6).
    for url in [array, spaced] {
      let r = try run("gradient", "sum(x^2)", "--at", "x=@\(url.path)", "--mode", "reverse")
      #expect(r.stdout == "2, 4, 6\n", "\(r.stderr)")
    }
    let m = try run("gradient", "sum(w^2)", "--at", "w=@\(matrix.path)", "--mode", "reverse", "--json")
    #expect(m.stdout == #"{"mode":"reverse","shape":[],"value":[30.0],"gradient":[2.0,4.0,6.0,8.0]}"# + "\n")
    let stdin = try run("gradient", "sum(x^2)", "--at", "x=@-", "--mode", "reverse", standardInput: Data("1,2,3".utf8))
    #expect(stdin.stdout == "2, 4, 6\n", "\(stdin.stderr)")
  }

  @Test("A vector of 10⁶ entries from a file; 10⁵ of them checked in fast mode")
  func millionInputs() throws {
    let million = FileManager.default.temporaryDirectory.appendingPathComponent("dual-ad-million-\(UUID().uuidString).txt")
    let hundredThousand = FileManager.default.temporaryDirectory.appendingPathComponent("dual-ad-100k-\(UUID().uuidString).txt")
    defer { for url in [million, hundredThousand] { try? FileManager.default.removeItem(at: url) } }
    let values = (0..<1_000_000).map { String(1 + Double($0 % 1000) / 1000) }
    try Data(values.joined(separator: "\n").utf8).write(to: million)
    try Data(("[" + values.prefix(100_000).joined(separator: ", ") + "]").utf8).write(to: hundredThousand)
    // d(Σx)/dx = 1 for each of the 10⁶ inputs.
    let read = try run("vjp", "sum(x)", "--at", "x=@\(million.path)", "--cotangent", "1", "--mode", "reverse", "--json")
    #expect(read.exitCode == 0, "\(read.stderr)")
    let vjp = try #require(numbers(try json(read)["vjp"]))
    #expect(vjp.count == 1_000_000 && vjp.allSatisfy { $0 == 1 })
    let r = try run("check", "sum(x^2)", "--at", "x=@\(hundredThousand.path)", "--fast", "--directions", "1", "--json")
    #expect(r.exitCode == 0, "\(r.stderr)")
    let object = try json(r)
    #expect(object["verdict"] as? String == "passed")
    // 100 blocks of Σₖ (1 + k/1000)² for k = 0…999 = 1000 + 999 + 332.8335 = 2 331.8335.
    let value = try #require(numbers(object["value"])?.first)
    #expect(Swift.abs(value - 100 * 2_331.8335) < 1e-9 * value)
  }

  @Test("Bad input: exit 2 with one line on stderr")
  func badInput() throws {
    let nan = try file("1, nan, 3")
    let malformed = try file("[1, 2")
    let words = try file("1 two 3")
    defer { for url in [nan, malformed, words] { try? FileManager.default.removeItem(at: url) } }
    let cases: [([String], String)] = [
      (["check", "x", "--at", "x=@/nonexistent/file"], "cannot read '/nonexistent/file' for input x; pass a readable file"),
      (["check", "x", "--at", "x=@\(nan.path)"], "element 1 of '\(nan.path)' (input x) is nan; an input file must hold finite numbers"),
      (["check", "x", "--at", "x=@\(malformed.path)"], "'\(malformed.path)' (input x) has a '[' without its ']'; write a JSON array"),
      (["check", "x", "--at", "x=@\(words.path)"], "'two' in '\(words.path)' (input x) is not a number; write numbers separated by commas or whitespace, or a JSON array"),
      (["check", "x", "--at", "x=1", "--fast", "--directions", "0"], "--directions must be 1 or more, but it is 0; pass how many direction pairs to check"),
      (["check", "x", "--at", "x=1", "--directions", "2"], "--directions 2 needs --fast; add --fast, or drop --directions for the full check"),
      (["check", "x", "--at", "x=1", "--fast", "--force"], "--force is for the full check's cost guard and cannot be combined with --fast; drop one"),
      (["check", "x", "--at", "x=1", "--mode", "numeric"], "check compares automatic modes with GSL; use --mode forward, reverse or all"),
      (["check", "x", "--at", "x=1", "--nondet-tol=-1"], "--nondet-tol must be a finite number of 0 or more, but it is -1.0"),
    ]
    for (arguments, message) in cases {
      let r = try DualADRunner.run(arguments)
      #expect(r.exitCode == 2, "\(arguments)")
      #expect(r.stdout.isEmpty, "\(arguments)")
      #expect(r.stderr == message + "\n", "\(arguments)")
    }
  }

  @Test("Cost guard: a numeric Hessian of 3 000 inputs is refused with advice; forward-over-reverse runs")
  func costGuard() throws {
    let point = "x=" + (0..<3000).map { String(1 + Double($0) / 1000) }.joined(separator: ",")
    let refused = try run("hessian", "sum(x^2)", "--at", point)
    #expect(refused.exitCode == 2)
    #expect(refused.stdout.isEmpty)
    #expect(refused.stderr.hasPrefix("the 3000 × 3000 Hessian by forward-over-forward and numeric would take about "))
    #expect(refused.stderr.hasSuffix("(the limit is 30 s); use --mode forward-over-reverse to skip the numeric and nested-dual Hessians, or pass --force to run it anyway\n"))
    #expect(refused.stderr.split(separator: "\n").count == 1)
    let fullCheck = try run("check", "sum(x^2)", "--at", "x=" + (0..<20000).map { _ in "1" }.joined(separator: ","))
    #expect(fullCheck.exitCode == 2)
    #expect(fullCheck.stderr.hasSuffix("use --fast to check random directions instead, or pass --force to run it anyway\n"))
  }

  @Test("A function whose value is not deterministic cannot come from an expression; --nondet-tol is accepted")
  func nondeterminismToleranceOption() throws {
    let r = try run("check", "x^2", "--at", "x=3", "--nondet-tol", "1e-12", "--json")
    #expect(r.exitCode == 0)
    let determinism = try #require(try json(r)["determinism"] as? [String: Any])
    #expect((determinism["allowed"] as? NSNumber)?.doubleValue == 1e-12)
    #expect(determinism["passed"] as? Bool == true)
  }
}
