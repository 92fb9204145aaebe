import BenchmarkWorkloads
import DualAD
import DualADTensor

/// Workload 5: the full Jacobian of the softmax ℝⁿ → ℝⁿ (dense: J = diag(p) − ppᵀ) in the three
/// modes: forward with one column per pass (n passes), forward vector mode with 8 tangents per
/// pass (⌈n/8⌉ passes), reverse with one row per sweep over one recording (n sweeps).
func jacobianWorkload(n: Int = 100) throws -> Workload {
  let x = try Tensor<Double>.randn([n], seed: 5).scalars
  let reference = softmaxJacobianByHand(x)
  let flat = reference.flatMap { $0 }
  try check("softmax Jacobian n = \(n): forward against the closed form", maxRelativeDifference(try forwardJacobian(at: x, of: { softmax($0) }).flatMap { $0 }, flat), below: 1e-12)
  try check("softmax Jacobian n = \(n): vector forward against the closed form", maxRelativeDifference(try vectorForwardJacobian(at: x, of: { softmax($0) }).flatMap { $0 }, flat), below: 1e-12)
  try check("softmax Jacobian n = \(n): reverse against the closed form", maxRelativeDifference(try reverseJacobian(at: x, of: { softmax($0) }).flatMap { $0 }, flat), below: 1e-12)
  let tape = Tape<Double>(reservingCapacity: 16 * n)
  _ = softmax(tape.variables(x))
  let nodes = tape.nodeCount
  report.exported["jacobian/softmax/\(n)"] = ["x": x, "jacobian": reference]
  let peers = [
    Peer("primal") { blackHole(softmax(opaque(x))) },
    Peer("hand") { blackHole(softmaxJacobianByHand(opaque(x))) },
    Peer("forward") { blackHole(try? forwardJacobian(at: opaque(x), of: { softmax($0) })) },
    Peer("vector forward") { blackHole(try? vectorForwardJacobian(at: opaque(x), of: { softmax($0) })) },
    Peer("reverse") { blackHole(try? reverseJacobian(at: opaque(x), of: { softmax($0) })) },
  ]
  return Workload(id: "jacobian/softmax/\(n)", peers: peers) { t in
    let (primal, hand) = (t[0], t[1])
    report.heading("5. Full Jacobian of the softmax ℝⁿ → ℝⁿ, n = \(n)")
    report.add("pᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m), a dense Jacobian, checked against the closed form J = diag(p) − ppᵀ (which is also the `hand` peer). The reverse tape has \(nodes) nodes.\n")
    report.table(["", "time", "/ f", "/ hand", "passes"], [
      ["f alone", cell(primal), "1×", "", "1"],
      ["closed form by hand", cell(hand), ratioCell(hand, primal), "1×", ""],
      ["forward, one column per pass (`Dual`)", cell(t[2]), ratioCell(t[2], primal), ratioCell(t[2], hand), "\(n)"],
      ["forward vector mode (`DualVector<8>`)", cell(t[3]), ratioCell(t[3], primal), ratioCell(t[3], hand), "\((n + 7) / 8)"],
      ["reverse, one row per sweep", cell(t[4]), ratioCell(t[4], primal), ratioCell(t[4], hand), "1 recording + \(n) sweeps"],
    ])
  }
}
