import BenchmarkWorkloads
import DualAD
import DualADTensor

/// Workload 2: scalar reductions, log-sum-exp and a normal log-density, on seeded normal data.
func reductionWorkload(_ name: String, n: Int) throws -> Workload {
  let samples = try Tensor<Double>.randn([n], seed: 11).scalars
  let function: ([Double]) -> Double
  let hand: ([Double]) -> [Double]
  let ours: ([Double]) -> [Double]?
  let x: [Double]
  let nodes: Int
  let tape = Tape<Double>(reservingCapacity: 16 * n)
  switch name {
  case "logsumexp":
    x = samples
    (function, hand) = (logSumExp, logSumExpGradientByHand)
    ours = { try? gradient(at: $0, of: logSumExp) }
    _ = logSumExp(tape.variables(x))
  default:
    x = samples.map { 0.5 + 2 * $0 } + [0.3, 1.7]  // samples of 𝒩(0.5, 2²), then μ and σ
    (function, hand) = (normalLogDensity, normalLogDensityGradientByHand)
    ours = { try? gradient(at: $0, of: normalLogDensity) }
    _ = normalLogDensity(tape.variables(x))
  }
  nodes = tape.nodeCount
  let reference = hand(x)
  try check("\(name) n = \(n): DualAD against the hand-written gradient", maxRelativeDifference(ours(x) ?? [], reference), below: 1e-12)
  // GSL needs 4–8 evaluations of an O(n) function per coordinate: timed only up to n = 1 024.
  let gsl = GSLCentralDifferences(function)
  let gslRuns = n <= 1_024
  var evaluations = 0.0
  if gslRuns {
    try check("\(name) n = \(n): GSL central differences against the hand-written gradient", maxRelativeDifference(gsl.gradient(at: x), reference), below: 1e-6)
    evaluations = Double(gsl.evaluations) / Double(x.count)
  }
  let allocations = allocationsPerCall { blackHole(ours(opaque(x))) }
  report.exported["\(name)/\(n)"] = ["x": x, "gradient": reference]
  var peers = [
    Peer("primal") { blackHole(function(opaque(x))) },
    Peer("hand") { blackHole(hand(opaque(x))) },
    Peer("DualAD") { blackHole(ours(opaque(x))) },
  ]
  if gslRuns { peers.append(Peer("GSL") { blackHole(gsl.gradient(at: opaque(x))) }) }
  return Workload(id: "\(name)/\(n)", peers: peers) { t in
    reductionRows.append([
      name, "\(n)", cell(t[0]), cell(t[1]), cell(t[2]), gslRuns ? cell(t[3]) : "not run (≈ 8n evaluations of f: \(seconds(8 * Double(n) * t[0].minimum)))",
      ratioCell(t[2], t[1]), ratioCell(t[2], t[0]), gslRuns ? ratioCell(t[3], t[2]) : "–", "\(nodes)",
      String(format: "%.2f", t[2].minimum / Double(nodes) * 1e9), String(format: "%.0f", allocations), gslRuns ? String(format: "%.1f", evaluations) : "–",
    ])
  }
}

nonisolated(unsafe) var reductionRows: [[String]] = []

func reportReductions() {
  report.heading("2. Scalar reductions: log-sum-exp and a normal log-density")
  report.add("logsumexp(x) = m + log Σ exp(xᵢ − m) with m = max x; the normal log-density Σᵢ log 𝒩(xᵢ; μ, σ) is differentiated with respect to the n samples and μ, σ. Both written on scalars, generic over `ADScalar`, as a user writes them. Data: seeded 𝒩(0, 1).\n")
  report.table(
    ["workload", "n", "primal", "hand", "DualAD", "GSL central", "DualAD / hand", "DualAD / primal", "GSL / DualAD", "nodes", "ns/node", "allocs", "evals/coord"],
    reductionRows)
}
