import MallocCounter

/// Heap allocations per call of `body`, counted by the executable's own malloc (MallocCounter),
/// after one warm-up call so that lazily made buffers and pools are not counted.
func allocationsPerCall(calls: Int = 3, _ body: () -> Void) -> Double {
  body()
  let before = dualad_allocation_count()
  for _ in 0..<calls { body() }
  return Double(dualad_allocation_count() - before) / Double(calls)
}
