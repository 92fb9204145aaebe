import Foundation
import Testing

/// `dual-ad hessian`, run on the built binary, against Hessians computed by hand.
@Suite("dual-ad hessian")
struct HessianCommandTests {
  private func run(_ arguments: String...) throws -> DualADRunner.Run { try DualADRunner.run(arguments) }

  private func json(_ run: DualADRunner.Run) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  private func matrix(_ value: Any?) -> [[Double]]? {
    (value as? [Any])?.map { ($0 as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? [] }
  }

  @Test func sumOfCubesIsDiagonalSixX() throws {
    // ∂²/∂xᵢ² Σ xⱼ³ = 6xᵢ, no cross terms: diag(6, 12) at x = (1, 2).
    let reverse = try run("hessian", "sum(x^3)", "--at", "x=1,2", "--mode", "forward-over-reverse", "--json")
    #expect(reverse.stdout == #"{"mode":"forward-over-reverse","shape":[],"value":[9.0],"hessian":[[6.0,0.0],[0.0,12.0]]}"# + "\n")
    #expect(reverse.exitCode == 0 && reverse.stderr.isEmpty)
    let forward = try run("hessian", "sum(x^3)", "--at", "x=1,2", "--mode", "forward-over-forward")
    #expect(forward.stdout == "6, 0\n0, 12\n")
    let numeric = try run("hessian", "sum(x^3)", "--at", "x=1,2", "--mode", "numeric", "--json")
    let estimate = try #require(matrix(try json(numeric)["hessian"]))
    #expect(zip(estimate.flatMap { $0 }, [6.0, 0, 0, 12]).allSatisfy { Swift.abs($0 - $1) < 1e-8 }, "\(estimate)")
  }

  @Test func allModesSideBySide() throws {
    let text = try run("hessian", "sum(x^3)", "--at", "x=1,2")
    #expect(text.exitCode == 0)
    #expect(text.stdout.hasPrefix("value: 9\n\nhessian: 2 × 2 (inputs × inputs, in --at order)\nforward-over-reverse    forward-over-forward    numeric\n6  0                    6  0 "))
    #expect(text.stdout.contains("(the modes agree)"))
    let all = try json(try run("hessian", "sum(x^3)", "--at", "x=1,2", "--json"))
    #expect(all["mode"] as? String == "all")
    let modes = try #require(all["modes"] as? [String: Any])
    #expect(Set(modes.keys) == ["forward-over-reverse", "forward-over-forward", "numeric"])
    #expect(matrix((modes["forward-over-forward"] as? [String: Any])?["hessian"]) == [[6, 0], [0, 12]])
    let difference = try #require((all["max_difference"] as? NSNumber)?.doubleValue)
    #expect(difference > 0 && difference < 1e-8)
  }

  @Test func rosenbrockInTwoVariables() throws {
    // f = 100(y − x²)² + (1 − x)²: H = [[1200x² − 400y + 2, −400x], [−400x, 200]] = [[402, −400], [−400, 200]] at (1, 2).
    for mode in ["forward-over-reverse", "forward-over-forward"] {
      let r = try run("hessian", "100*(y-x^2)^2+(1-x)^2", "--at", "x=1", "--at", "y=2", "--mode", mode, "--json")
      #expect(r.stdout == #"{"mode":"\#(mode)","shape":[],"value":[100.0],"hessian":[[402.0,-400.0],[-400.0,200.0]]}"# + "\n")
    }
    let all = try run("hessian", "100*(y-x^2)^2+(1-x)^2", "--at", "x=1", "--at", "y=2")
    #expect(all.exitCode == 0)
  }

  @Test func everyInputFlattenedInAtOrder() throws {
    // L = Σ rᵢ², rᵢ = w·xᵢ + b − yᵢ over (w, b, x₁, x₂, y₁, y₂): H = 2 Σ ∇rᵢ∇rᵢᵀ + 2 Σ rᵢ∇²rᵢ, with
    // ∇r₁ = (1, 1, 1, 0, −1, 0), ∇r₂ = (2, 1, 0, 1, 0, −1), r = (−4, −5), ∂²rᵢ/∂w∂xᵢ = 1.
    let expected: [[Double]] = [
      [10, 6, -6, -6, -2, -4], [6, 4, 2, 2, -2, -2], [-6, 2, 2, 0, -2, 0],
      [-6, 2, 0, 2, 0, -2], [-2, -2, -2, 0, 2, 0], [-4, -2, 0, -2, 0, 2],
    ]
    for mode in ["forward-over-reverse", "forward-over-forward"] {
      let r = try run("hessian", "sum((w*x+b-y)^2)", "--at", "w=1", "--at", "b=0", "--at", "x=1,2", "--at", "y=5,7", "--mode", mode, "--json")
      let object = try json(r)
      #expect(matrix(object["hessian"]) == expected)
      #expect((object["shape"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func badInput() throws {
    let vector = try run("hessian", "x^2", "--at", "x=1,2")
    #expect(vector.exitCode == 2 && vector.stdout.isEmpty)
    #expect(vector.stderr == "the expression given to hessian should return a single element, but it returns 2 (shape [2]); reduce it with sum(...), or use jacobian\n")
    let mode = try run("hessian", "x", "--at", "x=1", "--mode", "reverse")
    #expect(mode.exitCode == 2)
    #expect(mode.stderr == "The value 'reverse' is invalid for '--mode <mode>'. Please provide one of 'forward-over-reverse', 'forward-over-forward', 'numeric' or 'all'; see dual-ad --help\n")
    let missing = try run("hessian", "x*y", "--at", "x=1")
    #expect(missing.exitCode == 2)
    #expect(missing.stderr == "variable 'y' at column 3 has no value; give it one with --at y=VALUE\n")
  }
}
