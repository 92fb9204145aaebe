import DualAD
import GradientCheck
import Testing

/// Σ xᵢ² with the term of input `detached` computed on the primal value: its derivative is lost.
private struct SumOfSquares: ADFunction {
  var detached: Int?
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    var sum = T(0)
    for (i, xi) in x.enumerated() {
      sum = sum + (i == detached ? T(xi.primal * xi.primal) : xi * xi)
    }
    return [sum]
  }
}

/// xᵢ² elementwise, with the same planted bug.
private struct Squares: ADFunction {
  var detached: Int?
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    x.enumerated().map { i, xi in i == detached ? T(xi.primal * xi.primal) : xi * xi }
  }
}

@Suite("Fast mode: random direction pairs")
struct FastModeTests {
  static let point = (0..<1000).map { 1 + Double($0) / 1000 }

  @Test("A right gradient of 1 000 inputs passes with 3 direction pairs; vᵀJu agrees three ways")
  func rightGradientPasses() throws {
    let report = try checkGradients(of: SumOfSquares(), at: Self.point, directions: 3)
    let directions = try #require(report.directions)
    #expect(directions.count == 3)
    #expect(report.entries.isEmpty)
    for d in directions {
      #expect(d.verdict == .pass)
      let forward = try #require(d.forward), reverse = try #require(d.reverse)
      // Both modes compute 2·Σ vxᵢuᵢ by exact-ish sums: they agree to round-off.
      #expect(Swift.abs(forward - reverse) <= 1e-12 * Swift.max(1, Swift.abs(forward)))
      #expect(d.adjoint?.passed == true)
    }
    #expect(report.taylor?.passed == true)
    #expect(report.passed, "\(report)")
    #expect(report.description.hasPrefix("gradient check SumOfSquares: PASSED (1 outputs × 1000 inputs, fast, 3 direction pairs, Double"))
  }

  @Test("A lost derivative at input 637 is found by bisection: AD 0, GSL 2·1.637")
  func bisectionFindsTheColumn() throws {
    let report = try checkGradients(of: SumOfSquares(detached: 637), at: Self.point, directions: 2)
    #expect(report.verdict == .failed)
    #expect(report.directions?.allSatisfy { $0.verdict == .mismatch } == true, "\(report)")
    #expect(report.entries.map { [$0.output, $0.input] } == [[0, 637]], "\(report)")
    let entry = try #require(report.entries.first)
    #expect(entry.forward == 0 && entry.reverse == 0)
    #expect(Swift.abs(entry.numerical - 3.274) < 1e-8)
    #expect(report.description.contains("located by bisection over the inputs:"))
  }

  @Test("A vector-valued function: bisection finds the diagonal entry (123, 123)")
  func vectorValued() throws {
    let x = (0..<300).map { 0.5 + Double($0) / 100 }
    let report = try checkGradients(of: Squares(detached: 123), at: x, directions: 1)
    #expect(report.verdict == .failed)
    #expect(report.entries.map { [$0.output, $0.input] } == [[123, 123]], "\(report)")
    // ∂(x²)/∂x at x = 0.5 + 1.23 = 1.73 is 3.46.
    #expect(Swift.abs((report.entries.first?.numerical ?? 0) - 3.46) < 1e-8)
  }

  @Test("A kink along the direction: |x| at 0 in fast mode")
  func kinkDirection() throws {
    struct Absolute: ADFunction {
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [T.abs(x[0])] }
    }
    let report = try checkGradients(of: Absolute(), at: [0.0], directions: 1)
    let direction = try #require(report.directions?.first)
    #expect(direction.verdict == .kink, "\(report)")
    let sides = try #require(direction.oneSided)
    // Along u the one-sided derivatives of |t·u| are ±|u|: opposite, equal in size.
    #expect(Swift.abs(sides.left + sides.right) < 1e-9)
    #expect(report.passed, "\(report)")
  }

  @Test("Zero direction pairs are refused")
  func zeroDirections() {
    #expect(throws: GradientCheckError.invalidDirectionCount(0)) {
      try checkGradients(of: SumOfSquares(), at: [1.0], directions: 0)
    }
    #expect(GradientCheckError.invalidDirectionCount(0).description
      == "a fast check needs at least one direction pair, but 0 were asked for; pass directions of 1 or more")
  }

  @Test("gradientCheckFailure takes the same options")
  func failureHelper() {
    #expect(gradientCheckFailure(of: SumOfSquares(), at: Self.point, directions: 2) == nil)
    #expect(gradientCheckFailure(of: SumOfSquares(detached: 5), at: Self.point, directions: 2) != nil)
  }
}
