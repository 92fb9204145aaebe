import Testing
import DualAD

/// The SEEDS.md cases as vector-Jacobian products in the scalar core.
@Suite("SEEDS.md in the scalar core")
struct SeedCaseCoreTests {
  let x = [1.0, 5, 6, 10, 16]
  let z = [-1.0, -0.5, 0, 0.5, 1]

  @Test("A1: x = [16], y = x*x, gradient 32")
  func scalarBackward() throws {
    #expect(try gradient(at: [16.0]) { $0[0] * $0[0] } == [32])
  }

  @Test("A3: ones as cotangent gives 2x")
  func onesCotangent() throws {
    #expect(try Square().vjp(at: x, cotangent: [1, 1, 1, 1, 1]).vjp == [2, 10, 12, 20, 32])
  }

  @Test("A4: the cotangent weights each output: [1, 0.1, 0.1, 0.5, 0.1] gives [2, 1, 1.2, 10, 3.2]")
  func weightedCotangent() throws {
    let g = try Square().vjp(at: x, cotangent: [1, 0.1, 0.1, 0.5, 0.1]).vjp
    for (a, e) in zip(g, [2, 1, 1.2, 10, 3.2]) { #expect(isClose(a, e, ulps: 2), "\(g)") }
  }

  @Test("B5: three sweeps over one retained tape accumulate")
  func accumulation() throws {
    let tape = Tape<Double>()
    let inputs = tape.variables(x)
    let y = inputs.map { $0 * $0 }
    var grad = [Double](repeating: 0, count: 5)
    let expected: [[Double]] = [[2, 10, 12, 20, 32], [2.2, 11, 13.2, 22, 35.2], [3.2, 12, 14.4, 24, 41.6]]
    for (v, e) in zip([[1.0, 1, 1, 1, 1], [0.1, 0.1, 0.1, 0.1, 0.1], [0.5, 0.1, 0.1, 0.1, 0.2]], expected) {
      let g = try tape.pullback(of: y, cotangent: v, withRespectTo: inputs)
      grad = zip(grad, g).map(+)
      for (a, b) in zip(grad, e) { #expect(isClose(a, b, ulps: 4), "\(grad) vs \(e)") }
    }
  }

  @Test("C7: y = z, backward(z) gives z, not ones")
  func identityWithZ() throws {
    #expect(try Identity().vjp(at: z, cotangent: z).vjp == z)
  }

  @Test("C8: y = z², backward(z) gives 2z·z = [2, 8, 18, 32, 50]; divided by z, 2z")
  func squareSeededWithZ() throws {
    let z = [1.0, 2, 3, 4, 5]
    let g = try Square().vjp(at: z, cotangent: z).vjp
    #expect(g == [2, 8, 18, 32, 50])
    #expect(zip(g, z).map(/) == [2, 4, 6, 8, 10])
  }

  @Test("C9, C10: sum gives ones, sum of squares gives 2z")
  func sums() throws {
    #expect(try Sum().gradient(at: z) == [1, 1, 1, 1, 1])
    #expect(try SumOfSquares().gradient(at: z) == [-2, -1, 0, 1, 2])
    #expect(try SumOfSquares().vjp(at: z, cotangent: [1.0]).vjp == [-2, -1, 0, 1, 2])
  }

  @Test("C11: forward mode gives the 5×5 identity; reverse one-hot sweeps give it row by row")
  func identityJacobian() throws {
    let identity = (0..<5).map { i in (0..<5).map { j in i == j ? 1.0 : 0 } }
    #expect(try Identity().jacobian(at: z, mode: .forward) == identity)
    #expect(try Identity().jacobian(at: z, mode: .reverse) == identity)
    for i in 0..<5 {
      #expect(try Identity().vjp(at: z, cotangent: identity[i]).vjp == identity[i])
    }
  }
}
