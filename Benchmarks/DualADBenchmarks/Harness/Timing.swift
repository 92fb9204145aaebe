#if canImport(Glibc)
import Glibc
#endif

/// How long and how often to sample: ADBench's rule, or a short smoke run with `--quick`.
enum Settings {
  nonisolated(unsafe) static var quick = false
  /// A sample repeats the call until it lasts at least this long.
  static var minimumSample: Double { quick ? 0.02 : 0.5 }
  /// Samples per peer, at most.
  static var samples: Int { quick ? 3 : 10 }
  /// A call longer than this gets only `longCallSamples` samples.
  static var longCall: Double { quick ? 0.1 : 1 }
  static var longCallSamples: Int { quick ? 1 : 3 }
}

/// Wall-clock seconds from a monotonic clock.
func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Seconds per call: the minimum and the median over the samples.
struct Timing {
  let minimum: Double
  let median: Double
  let samples: Int
  let callsPerSample: Int
}

/// One contender in a side-by-side measurement. A peer either is timed from outside (`body`) or
/// times the part that counts itself and returns its seconds (`timedBody`), e.g. a backward pass
/// whose forward pass must run first but is not part of it.
struct Peer {
  let name: String
  let body: () -> Void
  let timedBody: (() -> Double)?

  init(_ name: String, _ body: @escaping () -> Void) {
    self.name = name
    self.body = body
    self.timedBody = nil
  }

  /// A peer whose body returns the seconds of the part that counts.
  static func selfTimed(_ name: String, _ timedBody: @escaping () -> Double) -> Peer {
    Peer(name: name, body: { _ = timedBody() }, timedBody: timedBody)
  }

  private init(name: String, body: @escaping () -> Void, timedBody: @escaping () -> Double) {
    self.name = name
    self.body = body
    self.timedBody = timedBody
  }

  /// Seconds for `repetitions` calls.
  func sample(repetitions: Int) -> Double {
    if let timedBody {
      var total = 0.0
      for _ in 0..<repetitions { total += timedBody() }
      return total
    }
    let start = now()
    for _ in 0..<repetitions { body() }
    return now() - start
  }

  /// Calls per sample so that a sample lasts at least `Settings.minimumSample`, and the
  /// seconds of one call (from the last calibration round).
  func calibrate() -> (repetitions: Int, secondsPerCall: Double) {
    _ = sample(repetitions: 1)  // warm-up: buffers, caches, lazy setup
    var repetitions = 1
    while true {
      let elapsed = sample(repetitions: repetitions)
      let perCall = elapsed / Double(repetitions)
      if elapsed >= Settings.minimumSample || repetitions >= 1 << 30 { return (repetitions, perCall) }
      let target = elapsed <= 0 ? repetitions * 10 : Int(Double(repetitions) * Settings.minimumSample / elapsed * 1.1) + 1
      repetitions = Swift.max(repetitions * 2, target)
    }
  }
}

/// Times every peer as ADBench does (repeat until a sample lasts ≥ 0.5 s, up to 10 samples,
/// minimum and median), with the peers' samples interleaved: round s takes sample s of each peer
/// in turn, so that load from other processes on a shared machine hits all of them alike.
func measureSideBySide(_ peers: [Peer]) -> [Timing] {
  let calibration = peers.map { $0.calibrate() }
  let limits = calibration.map { $0.secondsPerCall > Settings.longCall ? Settings.longCallSamples : Settings.samples }
  var times = [[Double]](repeating: [], count: peers.count)
  for round in 0..<(limits.max() ?? 0) {
    for (k, peer) in peers.enumerated() where round < limits[k] {
      let repetitions = calibration[k].repetitions
      times[k].append(peer.sample(repetitions: repetitions) / Double(repetitions))
    }
  }
  return times.enumerated().map { k, t in
    let sorted = t.sorted()
    return Timing(minimum: sorted[0], median: sorted[sorted.count / 2], samples: sorted.count, callsPerSample: calibration[k].repetitions)
  }
}

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole(_ value: Double) { sink += value }
@inline(never)
func blackHole(_ value: [Double]?) { sink += value?.first ?? 0 }
@inline(never)
func blackHole(_ value: [[Double]]?) { sink += value?.first?.first ?? 0 }
nonisolated(unsafe) var sink = 0.0

/// Hides a value from the optimizer so that work on it is not hoisted out of the timing loop.
@inline(never)
func opaque<T>(_ value: T) -> T { value }
