import Foundation
import Testing
import DualAD

@Suite("Design guarantees")
struct DesignGuaranteeTests {
  @Test("A tape node costs at most 32 bytes, adjoint included")
  func bytesPerNode() throws {
    #expect(Tape<Double>.bytesPerNode == 32)
    #expect(Tape<Float>.bytesPerNode == 20)
  }

  @Test("A node is recorded only where two different nodes meet")
  func nodesOnlyWhereNodesMeet() throws {
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
    let w = Variable.exp(x * z) + x  // x·z meets two nodes: 1 node; exp rescales; + x meets again: 1 node
    #expect(tape.nodeCount == inputsOnly + 2)
    // ∂/∂x = z·e^{xz} + 1, ∂/∂z = x·e^{xz}
    let g = try tape.gradient(of: w, withRespectTo: [x, z])
    #expect(isClose(g[0], 0.5 * Foundation.exp(1.5) + 1) && isClose(g[1], 3 * Foundation.exp(1.5)), "\(g)")
    _ = Variable<Double>(4) * 5 + 1  // constants only: no node
    #expect(tape.nodeCount == inputsOnly + 2)
  }

  @Test("Inputs recorded after other nodes still receive their adjoints")
  func interleavedInputs() throws {
    let tape = Tape<Double>()
    let x = tape.variable(3), z = tape.variable(0.5)
    let w = x * z
    let u = tape.variable(2)  // an input after a recorded node
    let out = w * u + Variable.sin(u)
    // ∂/∂x = zu = 1, ∂/∂z = xu = 6, ∂/∂u = xz + cos u
    #expect(try tape.gradient(of: out, withRespectTo: [x, z, u]) == [1, 6, 1.5 + Foundation.cos(2)])
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
