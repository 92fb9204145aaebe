import BenchmarkWorkloads
import DualAD

/// Workload 3: ADBench's GMM objective; gradient time over objective time, as ADBench reports it.
func gaussianMixtureWorkload(d: Int, k: Int, n: Int = 1_000) throws -> Workload {
  let problem = try GaussianMixtureProblem.adbench(dimension: d, components: k, points: n, seed: 42)
  let theta = problem.parameters
  let reference = problem.gradientByHand(theta)
  try check("GMM (\(d), \(k)): DualAD reverse against the hand-written gradient",
    maxRelativeDifference(try gradient(at: theta, of: { problem.objective($0) }), reference), below: 1e-9)
  if d * k <= 250 {
    // Forward mode, one directional derivative per pass, on a few random directions.
    var generator = SeededGenerator(seed: 7)
    var worst = 0.0
    for _ in 0..<3 {
      let direction = theta.map { _ in Double.random(in: -1...1, using: &generator) }
      let (_, forward) = try jvp(at: theta, tangent: direction, of: { [problem.objective($0)] })
      let byHand = zip(reference, direction).reduce(0) { $0 + $1.0 * $1.1 }
      worst = max(worst, Swift.abs(forward[0] - byHand) / max(Swift.abs(byHand), 1))
    }
    try check("GMM (\(d), \(k)): hand-written gradient against forward-mode directional derivatives", worst, below: 1e-9)
  }
  let tape = Tape<Double>(reservingCapacity: 1 << 20)
  _ = problem.objective(tape.variables(theta))
  let nodes = tape.nodeCount, bytes = tape.byteCount
  let allocations = allocationsPerCall(calls: 1) { blackHole(try? gradient(at: opaque(theta), of: { problem.objective($0) })) }
  report.exported["gmm/\(d)x\(k)"] = [
    "d": d, "k": k, "n": n, "x": problem.x, "parameters": theta, "gradient": reference,
    "wishart_gamma": problem.wishartGamma, "wishart_m": problem.wishartM, "objective": problem.objective(theta),
  ]
  var peers = [
    Peer("objective") { blackHole(problem.objective(opaque(theta))) },
    Peer("hand") { blackHole(problem.gradientByHand(opaque(theta))) },
    Peer("DualAD") { blackHole(try? gradient(at: opaque(theta), of: { problem.objective($0) })) },
  ]
  // GSL needs 4–8 objective evaluations per parameter: run only where a call takes seconds.
  let gslRuns = theta.count <= 100
  var evaluations = 0.0
  if gslRuns {
    let gsl = GSLCentralDifferences { problem.objective($0) }
    try check("GMM (\(d), \(k)): GSL central differences against the hand-written gradient", maxRelativeDifference(gsl.gradient(at: theta), reference), below: 1e-5)
    evaluations = Double(gsl.evaluations) / Double(theta.count)
    peers.append(Peer("GSL") { blackHole(gsl.gradient(at: opaque(theta))) })
  }
  return Workload(id: "gmm/\(d)x\(k)", peers: peers) { t in
    let (objective, hand, ours) = (t[0], t[1], t[2])
    let gslCell = gslRuns ? "\(cell(t[3])), \(ratio(t[3].minimum / objective.minimum))" : "not run (≈ 8 × \(theta.count) objectives ≈ \(seconds(8 * Double(theta.count) * objective.minimum)))"
    gmmRows.append([
      "(\(d), \(k))", "\(theta.count)", cell(objective), cell(hand), cell(ours), ratioCell(hand, objective), ratioCell(ours, objective),
      ratioCell(ours, hand), gslCell, "\(nodes)", String(format: "%.0f", Double(bytes) / 1_048_576),
      String(format: "%.2f", ours.minimum / Double(nodes) * 1e9), String(format: "%.0f", allocations),
      gslRuns ? String(format: "%.1f", evaluations) : "–",
    ])
    if d == 10 && k == 25 {
      report.bar("GMM (10, 25): DualAD reverse gradient / objective", ours.minimum / objective.minimum, atMost: 6)
    }
  }
}

nonisolated(unsafe) var gmmRows: [[String]] = []

func reportGaussianMixture() {
  report.heading("3. ADBench GMM objective, N = 1 000 points")
  report.add("Ported from ADBench's `gmm_objective` (log-Wishart prior included, γ = 1, m = 0), data as ADBench makes it (α, q, l, x from 𝒩(0, 1), μ from U(0, 1), seeded). The objective is one generic function over `ADScalar`, written as a user ports the C++; `objective` is that function on `Double`. ADBench reports gradient / objective ≈ 3× hand-written, ≈ 8× Tapenade, ≈ 25× Adept. `MiB`: tape memory during a sweep (operands and adjoints).\n")
  report.table(
    ["(d, K)", "parameters", "objective", "hand gradient", "DualAD gradient", "hand / objective", "DualAD / objective", "DualAD / hand", "GSL central (time, / objective)", "nodes", "MiB", "ns/node", "allocs", "evals/param"],
    gmmRows)
}
