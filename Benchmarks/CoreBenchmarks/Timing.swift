#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock seconds from a monotonic clock.
func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Seconds per call: repeat until a sample lasts at least `minimumSample`, take `samples`
/// samples, report the minimum and the median (as ADBench does).
struct Timing {
  let minimum: Double
  let median: Double
}

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole(_ value: Double) { sink += value }
@inline(never)
func blackHole(_ value: [Double]?) { sink += value?.first ?? 0 }
nonisolated(unsafe) var sink = 0.0

func measure(minimumSample: Double, samples: Int, _ body: () -> Void) -> Timing {
  var repetitions = 1
  while true {
    let start = now()
    for _ in 0..<repetitions { body() }
    let elapsed = now() - start
    if elapsed >= minimumSample || repetitions >= 1 << 30 { break }
    repetitions = elapsed <= 0 ? repetitions * 10 : max(repetitions * 2, Int(Double(repetitions) * minimumSample / elapsed * 1.1))
  }
  var times: [Double] = []
  for _ in 0..<samples {
    let start = now()
    for _ in 0..<repetitions { body() }
    times.append((now() - start) / Double(repetitions))
  }
  times.sort()
  return Timing(minimum: times[0], median: times[times.count / 2])
}

/// Hides a value from the optimizer so that work on it is not hoisted out of the timing loop.
@inline(never)
func opaque<T>(_ value: T) -> T { value }
