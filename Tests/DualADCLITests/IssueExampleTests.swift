import Foundation
import Testing

/// Every example of the command's documentation, run on the built binary.
@Suite("dual-ad: the documented examples")
struct IssueExampleTests {
  private func run(_ arguments: String...) throws -> DualADRunner.Run { try DualADRunner.run(arguments) }

  /// The JSON object on stdout.
  private func json(_ run: DualADRunner.Run) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  private func numbers(_ value: Any?) -> [Double]? { (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } }

  @Test func weightedCotangent() throws {
    let reverse = try run("vjp", "x*x", "--at", "x=1,5,6,10,16", "--cotangent", "1,0.1,0.1,0.5,0.1", "--mode", "reverse")
    #expect(reverse.stdout == "2, 1, 1.2, 10, 3.2\n")
    #expect(reverse.exitCode == 0)
    #expect(reverse.stderr.isEmpty)
    let forward = try run("vjp", "x*x", "--at", "x=1,5,6,10,16", "--cotangent", "1,0.1,0.1,0.5,0.1", "--mode", "forward")
    #expect(forward.stdout == "2, 1, 1.2, 10, 3.2\n")
    // 0.1·6·2 is 1.2000000000000002 in Double: JSON keeps every digit.
    let exact = try run("vjp", "x*x", "--at", "x=1,5,6,10,16", "--cotangent", "1,0.1,0.1,0.5,0.1", "--mode", "reverse", "--json")
    #expect(exact.stdout == #"{"mode":"reverse","shape":[5],"value":[1.0,25.0,36.0,100.0,256.0],"vjp":[2.0,1.0,1.2000000000000002,10.0,3.2]}"# + "\n")
  }

  @Test func identityGivesTheCotangentBack() throws {
    let r = try run("vjp", "z", "--at", "z=-1,-0.5,0,0.5,1", "--cotangent", "-1,-0.5,0,0.5,1", "--mode", "reverse")
    #expect(r.stdout == "-1, -0.5, 0, 0.5, 1\n")
    #expect(r.exitCode == 0)
    let all = try run("vjp", "z", "--at", "z=-1,-0.5,0,0.5,1", "--cotangent", "-1,-0.5,0,0.5,1", "--json")
    #expect(all.exitCode == 0)
    let modes = try #require(try json(all)["modes"] as? [String: Any])
    #expect(numbers((modes["forward"] as? [String: Any])?["vjp"]) == [-1, -0.5, 0, 0.5, 1])
    #expect(numbers((modes["reverse"] as? [String: Any])?["vjp"]) == [-1, -0.5, 0, 0.5, 1])
    let numeric = try #require(numbers((modes["numeric"] as? [String: Any])?["vjp"]))
    #expect(zip(numeric, [-1, -0.5, 0, 0.5, 1]).allSatisfy { Swift.abs($0 - $1) < 1e-8 })
  }

  @Test func sumGivesOnes() throws {
    let r = try run("gradient", "sum(z)", "--at", "z=-1,-0.5,0,0.5,1", "--mode", "reverse")
    #expect(r.stdout == "1, 1, 1, 1, 1\n")
    let all = try run("gradient", "sum(z)", "--at", "z=-1,-0.5,0,0.5,1")
    #expect(all.exitCode == 0)
    #expect(all.stdout.contains("z[4]   1        1        "))
    #expect(all.stdout.contains("(the modes agree)"))
  }

  @Test func linearRegression() throws {
    let r = try run("gradient", "sum((w*x+b-y)^2)", "--at", "w=1", "--at", "b=0", "--at", "x=1,2", "--at", "y=5,7", "--mode", "forward")
    #expect(r.stdout == "-28, -18, -8, -10, 8, 10\n")
    let j = try run("gradient", "sum((w*x+b-y)^2)", "--at", "w=1", "--at", "b=0", "--at", "x=1,2", "--at", "y=5,7", "--mode", "reverse", "--json")
    #expect(j.stdout == #"{"mode":"reverse","shape":[],"value":[41.0],"gradient":[-28.0,-18.0,-8.0,-10.0,8.0,10.0]}"# + "\n")
    let all = try run("gradient", "sum((w*x+b-y)^2)", "--at", "w=1", "--at", "b=0", "--at", "x=1,2", "--at", "y=5,7", "--json")
    #expect(all.exitCode == 0)
    let object = try json(all)
    #expect(object["mode"] as? String == "all")
    let difference = try #require((object["max_difference"] as? NSNumber)?.doubleValue)
    #expect(difference < 1e-6)
  }

  @Test func identityJacobianFromForwardAndReverse() throws {
    let all = try run("jacobian", "z", "--at", "z=-1,-0.5,0,0.5,1", "--mode", "all")
    #expect(all.exitCode == 0)
    let lines = all.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "value: -1, -0.5, 0, 0.5, 1")
    #expect(lines[2] == "jacobian: 5 rows (outputs) × 5 columns (inputs)")
    #expect(lines[3].hasPrefix("forward          reverse          numeric"))
    #expect(lines[4].hasPrefix("1  0  0  0  0    1  0  0  0  0    "))
    #expect(lines[8].hasPrefix("0  0  0  0  1    0  0  0  0  1    "))
    let identity = (0..<5).map { i in (0..<5).map { j in i == j ? 1.0 : 0 } }
    for mode in ["forward", "reverse"] {
      let r = try run("jacobian", "z", "--at", "z=-1,-0.5,0,0.5,1", "--mode", mode, "--json")
      let rows = try #require(try json(r)["jacobian"] as? [Any])
      #expect(rows.compactMap(numbers) == identity)
    }
  }

  @Test func gradientOfAVectorIsBadInput() throws {
    let r = try run("gradient", "x*x", "--at", "x=1,16")
    #expect(r.exitCode == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "grad can be implicitly created only for scalar outputs; use vjp or jacobian\n")
  }

  @Test func jvpAndCheck() throws {
    let r = try run("jvp", "x*x", "--at", "x=1,16", "--tangent", "1,0", "--mode", "forward")
    #expect(r.stdout == "2, 0\n")
    let check = try run("check", "prod(x)", "--at", "x=2,3,0,5", "--json")
    #expect(check.exitCode == 0)
    let object = try json(check)
    #expect(object["passed"] as? Bool == true)
    let reverse = ((object["modes"] as? [String: Any])?["reverse"] as? [String: Any])?["jacobian"] as? [Any]
    #expect(reverse?.compactMap(numbers) == [[0, 0, 30, 0]])
  }

  @Test func nonFiniteNumbersAreStringsInJSON() throws {
    let r = try run("gradient", "sqrt(x)", "--at", "x=0", "--mode", "reverse", "--json")
    #expect(r.stdout == #"{"mode":"reverse","shape":[],"value":[0.0],"gradient":["inf"]}"# + "\n")
    let nan = try run("jacobian", "log(x)", "--at", "x=-1", "--mode", "forward", "--json")
    #expect(nan.stdout == #"{"mode":"forward","shape":[],"value":["nan"],"jacobian":[[-1.0]]}"# + "\n")
  }

  @Test func matrixInputs() throws {
    let r = try run("jacobian", "matmul(w, x)", "--at", "w=[[1,2],[3,4]]", "--at", "x=5,6", "--mode", "reverse")
    #expect(r.stdout == "5, 6, 0, 0, 1, 2\n0, 0, 5, 6, 3, 4\n")
  }
}
