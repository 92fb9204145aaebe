import BenchmarkWorkloads
import DualAD

/// Swift's `_Differentiation` is quadratic in n on arrays (each `x[i]` pulls back a whole
/// zero array); above this size one call takes too long to sample.
let swiftADLimit = 10_000
/// GSL needs n evaluations of an O(n) function per coordinate: above this, minutes per call.
let gslLimit = 10_000

/// Workload 1: the Rosenbrock gradient against the hand-written one, Swift's AD and GSL.
func rosenbrockWorkload(n: Int) throws -> Workload {
  let x = rosenbrockPoint(n)
  let reference = rosenbrockGradientByHand(x)
  try check("Rosenbrock n = \(n): DualAD against the hand-written gradient", maxRelativeDifference(try gradient(at: x, of: rosenbrock), reference), below: 1e-12)
  let tape = Tape<Double>(reservingCapacity: 16 * n)
  _ = rosenbrock(tape.variables(x))
  let nodes = tape.nodeCount, operands = tape.operandCount, bytes = tape.byteCount
  if n == 1_000 { rosenbrockTapeBytes = bytes }
  let allocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) }
  report.exported["rosenbrock/\(n)"] = ["x": x, "gradient": reference]

  var peers = [
    Peer("primal") { blackHole(rosenbrock(opaque(x))) },
    Peer("hand") { blackHole(rosenbrockGradientByHand(opaque(x))) },
    Peer("DualAD") { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) },
  ]
  if n <= swiftADLimit {
    try check("Rosenbrock n = \(n): Swift AD against the hand-written gradient", maxRelativeDifference(rosenbrockGradientBySwiftAD(x), reference), below: 1e-12)
    peers.append(Peer("Swift AD") { blackHole(rosenbrockGradientBySwiftAD(opaque(x))) })
  }
  var evaluations = 0
  if n <= gslLimit {
    let gsl = GSLCentralDifferences(rosenbrock)
    try check("Rosenbrock n = \(n): GSL central differences against the hand-written gradient", maxRelativeDifference(gsl.gradient(at: x), reference), below: 1e-6)
    evaluations = gsl.evaluations
    peers.append(Peer("GSL") { blackHole(gsl.gradient(at: opaque(x))) })
  }
  return Workload(id: "rosenbrock/\(n)", peers: peers) { t in
    let (primal, hand, ours) = (t[0], t[1], t[2])
    let swiftAD = n <= swiftADLimit ? t[3] : nil
    let gsl = n <= gslLimit ? t[n <= swiftADLimit ? 4 : 3] : nil
    rosenbrockRows.append([
      "\(n)", cell(primal), cell(hand), cell(ours), swiftAD.map(cell) ?? "not run", gsl.map(cell) ?? "not run",
      ratioCell(ours, hand), ratioCell(ours, primal), swiftAD.map { ratioCell($0, ours) } ?? "–",
      gsl.map { ratioCell($0, ours) } ?? "–", "\(nodes)", "\(operands)", "\(bytes / 1024)", String(format: "%.2f", ours.minimum / Double(nodes) * 1e9),
      String(format: "%.0f", allocations), evaluations > 0 ? String(format: "%.1f", Double(evaluations) / Double(n)) : "–",
    ])
    swiftADTimes[n] = swiftAD?.minimum
    report.chart(n: n, tool: "DualAD reverse", seconds: ours.minimum)
    report.chart(n: n, tool: "hand-written", seconds: hand.minimum)
    report.chart(n: n, tool: "primal (f alone)", seconds: primal.minimum)
    if let swiftAD { report.chart(n: n, tool: "Swift _Differentiation", seconds: swiftAD.minimum) }
    if let gsl { report.chart(n: n, tool: "GSL central differences", seconds: gsl.minimum) }
    if n == 1_000 {
      report.bar("Rosenbrock n = 1 000: DualAD / hand-written", ours.minimum / hand.minimum, atMost: 7)
      if let swiftAD { report.bar("Rosenbrock n = 1 000: Swift AD / DualAD", swiftAD.minimum / ours.minimum, atLeast: 100) }
    }
  }
}

nonisolated(unsafe) var rosenbrockRows: [[String]] = []
nonisolated(unsafe) var swiftADTimes: [Int: Double] = [:]
nonisolated(unsafe) var rosenbrockTapeBytes = 0

func reportRosenbrock() {
  report.heading("1. Rosenbrock gradient")
  report.add("Time per call, min (median); ratios of minima (of medians). `nodes`: tape nodes recorded (the sink and the inputs included); `operands`: their parent references; `KiB`: the tape during a sweep, operands and adjoints; `ns/node`: DualAD's whole gradient call over its nodes; `allocs`: heap allocations per DualAD gradient call; `evals/coord`: GSL's evaluations of f per coordinate.\n")
  report.table(
    ["n", "primal", "hand", "DualAD", "Swift AD", "GSL central", "DualAD / hand", "DualAD / primal", "Swift AD / DualAD", "GSL / DualAD", "nodes", "operands", "KiB", "ns/node", "allocs", "evals/coord"],
    rosenbrockRows)
  if let small = swiftADTimes[1_000], let large = swiftADTimes[10_000] {
    let growth = large / small
    report.add("Swift `_Differentiation` grows \(ratio(growth)) from n = 1 000 to 10 000 (linear would be 10×, quadratic 100×): at n = 100 000 one call would take about \(seconds(large * growth)), so it is not run there. GSL is not run at n = 100 000 either: 8 evaluations of an O(n) function per coordinate.")
  }
  report.add("Memory per node with Double, adjoint included: 12 bytes per parent + 8, so \(Tape<Double>.bytesPerNode) for two parents. A node is recorded only where a third node joins a combination of two, with all its parents: at n = 1 000 the tape takes \(rosenbrockTapeBytes) bytes, where a node per binary operation (3 997 nodes of 32 bytes) would take 127 904.")
}
