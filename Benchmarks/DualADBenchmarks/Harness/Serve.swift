/// Answers the JAX peer script, so that its samples and ours interleave: for each line
/// `sample<TAB>workload<TAB>peer` on standard input, one sample of that peer (calibrated on the
/// first request), printed as seconds per call; `quit` ends.
func serve(_ workloads: [Workload]) throws {
  var calibrated: [String: Int] = [:]
  print("ready")
  while let line = readLine() {
    let fields = line.split(separator: "\t").map(String.init)
    if fields.first == "quit" { return }
    guard fields.count == 3, fields[0] == "sample",
      let peer = workloads.first(where: { $0.id == fields[1] })?.peer(named: fields[2])
    else {
      print("error: expected sample<TAB>workload<TAB>peer; workloads: \(workloads.map(\.id).joined(separator: ", "))")
      continue
    }
    let key = fields[1] + "\t" + fields[2]
    let repetitions = calibrated[key] ?? peer.calibrate().repetitions
    calibrated[key] = repetitions
    print(peer.sample(repetitions: repetitions) / Double(repetitions))
  }
}
