import Foundation
import Testing
import DualAD

@Suite("Design guarantees")
struct DesignGuaranteeTests {
  @Test("A two-parent node costs at most 32 bytes, adjoint included")
  func bytesPerNode() throws {
    #expect(Tape<Double>.bytesPerNode == 32)  // 2 × (4-byte index + 8-byte partial) + 8-byte adjoint
    #expect(Tape<Float>.bytesPerNode == 20)
    #expect(Tape<Double>.bytesPerOperand == 12)
  }

  @Test("Rosenbrock records one three-parent node per term after the first")
  func rosenbrockTape() throws {
    let n = 1000
    let tape = Tape<Double>()
    let y = Rosenbrock().callAsFunction(tape.variables((0..<n).map { Double($0) / Double(n) }))[0]
    // Term 0 leaves sum = c₁·x₁ + c₀·x₀; each later term brings two nodes of which one is new.
    #expect(tape.nodeCount == 1 + n + (n - 2))
    #expect(tape.operandCount == 3 * (n - 2))
    #expect(tape.byteCount == 3 * (n - 2) * 12 + (2 * n - 1) * 8)  // 51 920 bytes; 127 904 with binary nodes
    #expect(y.isRecorded)
  }

  @Test("Float tapes preaccumulate too: Rosenbrock's gradient at (1, 2, 3) by hand")
  func floatTapesPreaccumulate() throws {
    let tape = Tape<Float>()
    let x = tape.variables([1, 2, 3])
    let y = Rosenbrock().callAsFunction(x)[0]
    #expect(tape.nodeCount == 5 && tape.operandCount == 3)  // the sink, 3 inputs, one three-parent node
    // ∂₀ = −400x₀(x₁ − x₀²) − 2(1 − x₀) = −400, ∂₁ = 200(x₁ − x₀²) − 400x₁(x₂ − x₁²) − 2(1 − x₁) = 1002,
    // ∂₂ = 200(x₂ − x₁²) = −200: exact in Float.
    #expect(try tape.gradient(of: y, withRespectTo: x) == [-400, 1002, -200])
  }

  @Test("A node is recorded only where a third node joins")
  func nodesOnlyWhereAThirdNodeJoins() throws {
    let tape = Tape<Double>()
    let x = tape.variable(3), z = tape.variable(0.5)
    let inputsOnly = tape.nodeCount
    let affine = (1 - 2 * x) / 4 + 1  // −x/2 + 5/4: no node
    let y = Variable.sin(-affine) * Variable.sin(-affine)  // sin²(x/2 − 5/4): still one node, x
    #expect(tape.nodeCount == inputsOnly)
    #expect(affine.value == -0.25)
    #expect(try tape.gradient(of: affine, withRespectTo: [x, z]) == [-0.5, 0])
    // d/dx sin²(x/2 − 5/4) = sin(u)cos(u) with u = 0.25
    #expect(isClose(try tape.gradient(of: y, withRespectTo: [x])[0], Foundation.sin(0.25) * Foundation.cos(0.25)))
    let w = Variable.exp(x * z) + x  // x·z combines x and z; exp rescales; + x joins x again: no node
    #expect(tape.nodeCount == inputsOnly)
    // ∂/∂x = z·e^{xz} + 1, ∂/∂z = x·e^{xz}
    let g = try tape.gradient(of: w, withRespectTo: [x, z])
    #expect(isClose(g[0], 0.5 * Foundation.exp(1.5) + 1) && isClose(g[1], 3 * Foundation.exp(1.5)), "\(g)")
    let u = tape.variable(2)
    let s = w * u  // a third node joins: one node with three parents
    #expect(tape.nodeCount == inputsOnly + 2 && tape.operandCount == 3)
    // ∂/∂x = u(z·e^{xz} + 1), ∂/∂z = u·x·e^{xz}, ∂/∂u = e^{xz} + x
    let h = try tape.gradient(of: s, withRespectTo: [x, z, u])
    #expect(isClose(h[0], 2 * (0.5 * Foundation.exp(1.5) + 1)) && isClose(h[1], 6 * Foundation.exp(1.5))
      && isClose(h[2], Foundation.exp(1.5) + 3), "\(h)")
    _ = Variable<Double>(4) * 5 + 1  // constants only: no node
    #expect(tape.nodeCount == inputsOnly + 2)
  }

  @Test("Two combinations of two nodes merge: shared nodes add their partials, the rest make one node")
  func mergingCombinations() throws {
    let tape = Tape<Double>()
    let v = tape.variables([1, 2, 3, 4])
    let (x, y, z, w) = (v[0], v[1], v[2], v[3])
    // (x + y)(y + x) = (x + y)²: the same two nodes, in either order; ∂ = 2(x + y) = 6 each.
    let square = (x + y) * (y + x)
    #expect(tape.nodeCount == 5 && square.value == 9)
    #expect(try tape.gradient(of: square, withRespectTo: v) == [6, 6, 0, 0])
    // (x + y)(y + z): y is shared, three nodes: ∂x = y + z = 5, ∂y = x + 2y + z = 8, ∂z = x + y = 3.
    let shared = (x + y) * (y + z)
    #expect(tape.nodeCount == 6 && tape.operandCount == 3)
    #expect(try tape.gradient(of: shared, withRespectTo: v) == [5, 8, 3, 0])
    // (x + y)(z + w): four nodes, one node with four parents: ∂x = ∂y = z + w = 7, ∂z = ∂w = x + y = 3.
    let four = (x + y) * (z + w)
    #expect(tape.nodeCount == 7 && tape.operandCount == 7)
    #expect(try tape.gradient(of: four, withRespectTo: v) == [7, 7, 3, 3])
    // (x − 2y) − (x − 2y): both partials cancel to exactly 0.
    let zero = (x - 2 * y) - (x - 2 * y)
    #expect(tape.nodeCount == 7 && zero.value == 0)
    #expect(try tape.gradient(of: zero, withRespectTo: v) == [0, 0, 0, 0])
    // A node and a combination: x·(y + x) = xy + x²: ∂x = y + 2x = 4, ∂y = x = 1.
    let mixed = x * (y + x)
    #expect(tape.nodeCount == 7)
    #expect(try tape.gradient(of: mixed, withRespectTo: v) == [4, 1, 0, 0])
  }

  @Test("With dual values a node is recorded where two nodes meet: each dual partial carried twice would cost more")
  func dualValuedTapesRecordBinaryNodes() throws {
    let tape = Tape<Dual<Double>>()
    let x = tape.variable(Dual(value: 3, tangent: 1)), z = tape.variable(Dual(value: 0.5, tangent: 0))
    let inputsOnly = tape.nodeCount
    let p = x * z
    #expect(tape.nodeCount == inputsOnly + 1 && tape.operandCount == 2)
    // ∂(xz)/∂x = z and ∂/∂z = x, with the tangents d/dt along (ẋ, ż) = (1, 0): ż = 0, ẋ = 1.
    let g = try tape.gradient(of: p, withRespectTo: [x, z])
    #expect(g[0].value == 0.5 && g[0].tangent == 0 && g[1].value == 3 && g[1].tangent == 1)
  }

  @Test("Inputs recorded after other nodes still receive their adjoints")
  func interleavedInputs() throws {
    let tape = Tape<Double>()
    let x = tape.variable(3), z = tape.variable(0.5), y = tape.variable(1)
    let w = x * z + y  // one node with three parents
    let u = tape.variable(2)  // an input after a recorded node
    let out = w * u + Variable.sin(u)
    // ∂/∂x = zu = 1, ∂/∂z = xu = 6, ∂/∂y = u = 2, ∂/∂u = xz + y + cos u
    #expect(try tape.gradient(of: out, withRespectTo: [x, z, y, u]) == [1, 6, 2, 2.5 + Foundation.cos(2)])
  }

  @Test("Inputs recorded after other nodes on a tape of dual values")
  func interleavedInputsWithDualValues() throws {
    let tape = Tape<Dual<Double>>()
    let x = tape.variable(Dual(value: 3, tangent: 0)), z = tape.variable(Dual(value: 0.5, tangent: 0))
    let w = x * z
    let u = tape.variable(Dual(value: 2, tangent: 0))
    let out = w * u + Variable.sin(u)
    // ∂/∂x = zu = 1, ∂/∂z = xu = 6, ∂/∂u = xz + cos u
    #expect(try tape.gradient(of: out, withRespectTo: [x, z, u]).map(\.value) == [1, 6, 1.5 + Foundation.cos(2)])
  }

  @Test("Independent tapes differentiate concurrently and agree with the serial result")
  func concurrentGradients() async throws {
    let points = (0..<64).map { i in (0..<50).map { Double(($0 + i) % 7) / 3 - 1 } }
    let serial = try points.map { try Rosenbrock().gradient(at: $0) }
    let parallel = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
      for (i, p) in points.enumerated() {
        group.addTask { (i, try Rosenbrock().gradient(at: p)) }
      }
      var results = [[Double]](repeating: [], count: points.count)
      for try await (i, g) in group { results[i] = g }
      return results
    }
    #expect(parallel == serial)
  }
}
