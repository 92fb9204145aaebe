/// One benchmark: its peers, already checked against an independent result, and how to report
/// their timings. `id` names it for the JAX peer script (`--serve`, `--export`).
struct Workload {
  let id: String
  let peers: [Peer]
  let report: ([Timing]) -> Void

  func peer(named name: String) -> Peer? { peers.first { $0.name == name } }

  func run() {
    print("\nmeasuring \(id): \(peers.map(\.name).joined(separator: ", "))")
    report(measureSideBySide(peers))
  }
}

/// The Rosenbrock point used throughout, as in the core's first benchmark.
func rosenbrockPoint(_ n: Int) -> [Double] { (0..<n).map { Double($0 % 13) / 6.5 - 1 } }
