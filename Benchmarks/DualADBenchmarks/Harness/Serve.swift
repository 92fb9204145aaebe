import Foundation

/// Answers the JAX peer script, so that its samples and ours interleave: for each line
/// `sample<TAB>workload<TAB>peer` on standard input, one sample of that peer (calibrated on the
/// first request), printed as seconds per call; `quit` ends.
func serve(_ workloads: [Workload]) throws {
  var calibrated: [String: Int] = [:]
  answer("ready")
  while let line = readLine() {
    let fields = line.split(separator: "\t").map(String.init)
    if fields.first == "quit" { return }
    guard fields.count == 3, fields[0] == "sample",
      let peer = workloads.first(where: { $0.id == fields[1] })?.peer(named: fields[2])
    else {
      answer("error: expected sample<TAB>workload<TAB>peer; workloads: \(workloads.map(\.id).joined(separator: ", "))")
      continue
    }
    let key = fields[1] + "\t" + fields[2]
    let repetitions = calibrated[key] ?? peer.calibrate().repetitions
    calibrated[key] = repetitions
    answer(String(peer.sample(repetitions: repetitions) / Double(repetitions)))
  }
}

/// One line to the peer script, flushed: standard output is a pipe there, so fully buffered.
private func answer(_ line: String) {
  print(line)
  fflush(nil)  // all streams: standard output among them
}
