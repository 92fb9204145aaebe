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

  @Test("Constants fold: affine steps record no node, a constant operand adds no parent")
  func constantFolding() throws {
    let tape = Tape<Double>()
    let x = tape.variable(3)
    let before = tape.nodeCount
    let affine = (1 - 2 * x) / 4 + 1  // −x/2 + 5/4: no node at all
    #expect(tape.nodeCount == before)
    #expect(affine.value == -0.25)
    #expect(try tape.gradient(of: affine, withRespectTo: [x]) == [-0.5])
    let y = Variable.sin(-affine)  // one node: d/dx sin(x/2 − 5/4) = cos(x/2 − 5/4)/2
    #expect(tape.nodeCount == before + 1)
    #expect(try tape.gradient(of: y, withRespectTo: [x]) == [Foundation.cos(0.25) / 2])
    let square = y * y  // one node with one parent: the same node twice
    #expect(tape.nodeCount == before + 2)
    #expect(isClose(try tape.gradient(of: square, withRespectTo: [x])[0], Foundation.sin(0.25) * Foundation.cos(0.25)))
    _ = Variable<Double>(4) * 5 + 1  // constants only: no node
    #expect(tape.nodeCount == before + 2)
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
