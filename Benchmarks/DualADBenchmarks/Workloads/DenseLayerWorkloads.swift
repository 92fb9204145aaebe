import BenchmarkWorkloads
import DualAD
import DualADTensor

/// Workload 7: dense quadratic forms and a tanh layer written with `T.dot` and `T.sum`, against
/// their hand-written gradients.
func quadraticFormWorkload(n: Int) throws -> Workload {
  let form = QuadraticForm(n: n, a: try Tensor<Double>.randn([n * n], seed: 21).scalars)
  let x = try Tensor<Double>.randn([n], seed: 22).scalars
  let reference = form.gradientByHand(x)
  try check("xᵀAx n = \(n): DualAD against the hand-written gradient", maxRelativeDifference(try gradient(at: x, of: { form($0) }), reference), below: 1e-12)
  let peers = [
    Peer("value") { blackHole(form(opaque(x))) },
    Peer("hand") { blackHole(form.gradientByHand(opaque(x))) },
    Peer("DualAD") { blackHole(try? gradient(at: opaque(x), of: { form($0) })) },
  ]
  return Workload(id: "dense/quadratic/\(n)", peers: peers) { t in
    denseRows.append(["xᵀAx, n = \(n)", "\(n)", cell(t[0]), cell(t[1]), cell(t[2]), ratioCell(t[2], t[1]), ratioCell(t[2], t[0])])
    report.bar("xᵀAx n = \(n) with T.dot: DualAD / hand-written", t[2].minimum / t[1].minimum, atMost: 3)
  }
}

func tanhLayerWorkload(inputs: Int = 32, width: Int = 32, batch: Int = 64) throws -> Workload {
  let layer = TanhLayer(inputs: inputs, width: width, x: try Tensor<Double>.randn([batch * inputs], seed: 23).scalars)
  let theta = try Tensor<Double>.randn([layer.parameterCount], seed: 24).scalars.map { $0 / Double(inputs).squareRoot() }
  let reference = layer.gradientByHand(theta)
  try check("tanh layer \(inputs)→\(width), batch \(batch): DualAD against the hand-written gradient", maxRelativeDifference(try gradient(at: theta, of: { layer($0) }), reference), below: 1e-12)
  let peers = [
    Peer("value") { blackHole(layer(opaque(theta))) },
    Peer("hand") { blackHole(layer.gradientByHand(opaque(theta))) },
    Peer("DualAD") { blackHole(try? gradient(at: opaque(theta), of: { layer($0) })) },
  ]
  return Workload(id: "dense/tanh/\(width)x\(batch)", peers: peers) { t in
    denseRows.append(["tanh layer \(inputs) → \(width), batch \(batch)", "\(layer.parameterCount)", cell(t[0]), cell(t[1]), cell(t[2]), ratioCell(t[2], t[1]), ratioCell(t[2], t[0])])
    report.bar("tanh layer width \(width), batch \(batch), with T.dot/T.sum: DualAD / hand-written", t[2].minimum / t[1].minimum, atMost: 2.5)
  }
}

nonisolated(unsafe) var denseRows: [[String]] = []

func reportDenseLayers() {
  report.heading("7. Dense quadratic forms and a tanh layer, written with T.dot and T.sum")
  report.add("xᵀAx = x·(Ax) with seeded 𝒩(0, 1) entries, each row product a `T.dot`; a tanh layer Σₛ Σᵤ tanh(wᵤ·xₛ + bᵤ) differentiated with respect to W and b, each pre-activation a `T.dot` and each sample's units a `T.sum`. Each reduction is one tape node with all its parents.\n")
  report.table(["workload", "inputs", "value", "hand gradient", "DualAD gradient", "DualAD / hand", "DualAD / value"], denseRows)
}
