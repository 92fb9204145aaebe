@testable import DualADTensor
import DualAD
import Testing

/// Large arrays of ended tensors are kept and written again by later kernels
/// (`ReleasedArrays`): a kept array that a caller still reads must never change under it.
@Suite("Released tensor arrays: reused by kernels, never written under a caller")
struct ReleasedArraysTests {
  @Test("a caller's copy of an ended tensor's scalars keeps its values while kernels reuse the buffer")
  func callerCopyUnchanged() throws {
    // An unusual length, so that other tests running beside this one do not take the buffer.
    let n = ReleasedArrays.minimumCount + 4_111
    let original = (0..<n).map { Double($0) }
    var copy: [Double] = []
    do {
      let t = Tensor<Double>(original)
      copy = t.scalars  // shares t's buffer; t ends here and the pool keeps the buffer
    }
    // Kernel outputs of the same length: each may take the kept buffer; each must write a copy.
    let u = Tensor<Double>([Double](repeating: 1.5, count: n), requiresGrad: true)
    let v = u * 2.0
    #expect(v.scalars.allSatisfy { $0 == 3 })
    let w = u.exp()
    #expect(w.scalars.allSatisfy { $0 == Double.exp(1.5) })
    try v.sum().backward()
    #expect(u.grad?.scalars.allSatisfy { $0 == 2 } == true)
    #expect(copy == original)
  }

  @Test("tasks that end and make tensors of one length at once share the pool safely")
  func concurrentTasks() async throws {
    let n = ReleasedArrays.minimumCount + 2_477
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for task in 0..<4 {
        group.addTask {
          var allRight = true
          for step in 0..<10 {
            // Each tensor ends at the end of its step, so its buffer goes back to the pool.
            let value = Double(task * 100 + step)
            let u = Tensor<Double>([Double](repeating: value, count: n))
            let v = u * 2.0
            allRight = allRight && v.scalars.allSatisfy { $0 == 2 * value } && u.scalars.allSatisfy { $0 == value }
          }
          return allRight
        }
      }
      for try await allRight in group { #expect(allRight) }
    }
  }

  @Test("an array kept by the pool comes back only for its exact length, with its values")
  func takeExactLength() {
    let n = ReleasedArrays.minimumCount + 7_919
    ReleasedArrays.keep((0..<n).map { Float($0) })
    #expect(ReleasedArrays.take(Float.self, count: n + 1) == nil)
    let back = ReleasedArrays.take(Float.self, count: n)
    #expect(back?.count == n && back?[n - 1] == Float(n - 1))
    // Small arrays and other element types are never kept.
    ReleasedArrays.keep([Double](repeating: 0, count: ReleasedArrays.minimumCount - 1))
    #expect(ReleasedArrays.take(Double.self, count: ReleasedArrays.minimumCount - 1) == nil)
    ReleasedArrays.keep([Dual<Double>](repeating: Dual(value: 0, tangent: 0), count: n))
    #expect(ReleasedArrays.take(Dual<Double>.self, count: n) == nil)
  }

  @Test("a pool holds at most maximumArrays arrays and maximumBytes bytes, dropping the oldest")
  func bounded() {
    var pool = ReleasedArrays.Pool<Double>()
    let n = ReleasedArrays.minimumCount, extra = 5
    // Array k holds the value k, so the ones kept show which were dropped.
    for k in 0..<(ReleasedArrays.maximumArrays + extra) { pool.keep([Double](repeating: Double(k), count: n)) }
    #expect(pool.arrays.count == ReleasedArrays.maximumArrays)
    #expect(pool.bytes == ReleasedArrays.maximumArrays * n * 8)
    #expect(pool.arrays.map { Int($0[0]) } == Array(extra..<(ReleasedArrays.maximumArrays + extra)))
    // The newest array of the length asked for comes back first.
    #expect(pool.take(count: n)?[0] == Double(ReleasedArrays.maximumArrays + extra - 1))
    #expect(pool.arrays.count == ReleasedArrays.maximumArrays - 1)
    // Bytes: two arrays of half the bound each; the second drops every older array to fit.
    let half = ReleasedArrays.maximumBytes / 16
    pool.keep([Double](repeating: -1, count: half))
    #expect(pool.arrays.count == ReleasedArrays.maximumArrays && pool.bytes == (ReleasedArrays.maximumArrays - 1) * n * 8 + half * 8)
    pool.keep([Double](repeating: -2, count: half))
    #expect(pool.arrays.map { $0[0] } == [-1, -2] && pool.bytes == ReleasedArrays.maximumBytes)
    // One array past the byte bound is refused and drops nothing.
    pool.keep([Double](repeating: 0, count: ReleasedArrays.maximumBytes / 8 + 1))
    #expect(pool.arrays.count == 2)
  }
}
