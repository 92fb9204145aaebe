import DualAD
import DualADTensor
import Testing

// Tapes share nothing but the buffer pool (behind a lock), and forward mode has no shared state
// but the perturbation-tag counter (atomic): concurrent derivatives must be bit-identical to
// serial ones. Run under `Scripts/check-sanitizers` to have ThreadSanitizer watch the same code.

@Suite("Concurrent differentiation")
struct ConcurrencyTests {
  /// Point k of the run: four coordinates that differ from task to task.
  private static func point(_ k: Int) -> [Double] {
    let t = Double(k) / 10_000
    return [t - 0.5, 1.5 * t, 0.25 + t * t, -t]
  }

  private static func derivatives(_ k: Int) throws -> [UInt64] {
    let x = point(k)
    let g = try Rosenbrock().gradient(at: x)
    let (_, jvp) = try Softmax().jvp(at: x, tangent: [1, -1, 0.5, 2])
    return (g + jvp).map(\.bitPattern)
  }

  @Test("10 000 gradients and JVPs in a TaskGroup are bit-identical to the serial run")
  func taskGroupMatchesSerial() async throws {
    let count = 10_000
    let serial = try (0..<count).map { try Self.derivatives($0) }
    let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt64]).self) { group in
      for k in 0..<count { group.addTask { (k, try Self.derivatives(k)) } }
      var results = [[UInt64]](repeating: [], count: count)
      for try await (k, bits) in group { results[k] = bits }
      return results
    }
    #expect(concurrent == serial)
    // One spot check against the closed form: ∂/∂x₀ of Rosenbrock = −400x₀(x₁ − x₀²) − 2(1 − x₀).
    let x = Self.point(0)
    let expected = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0])
    #expect(Double(bitPattern: serial[0][0]) == expected)
  }

  @Test("Tensor graphs built and differentiated in concurrent tasks do not interfere")
  func concurrentTensorGraphs() async throws {
    let grads = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
      for k in 0..<200 {
        group.addTask {
          let x = Tensor<Double>([Double(k), 1, 2], requiresGrad: true)
          let y = try (x * x * Double(k)).sum()
          try y.backward()
          return (k, x.grad?.scalars ?? [])
        }
      }
      var all: [(Int, [Double])] = []
      for try await result in group { all.append(result) }
      return all
    }
    #expect(grads.count == 200)
    for (k, g) in grads {
      let c = Double(k)
      #expect(g == [2 * c * c, 2 * c, 4 * c])  // ∂(k·Σx²)/∂x = 2k·x
    }
  }
}
