import BenchmarkWorkloads
import DualAD
import DualADTensor

/// Workload 4b: ADBench's GMM objective on tensors, written as the JAX peer writes it; its
/// gradient (forward + backward) beside the objective alone, and beside JAX in Scripts/benchmark-jax.
func tensorGaussianMixtureWorkload(d: Int, k: Int, n: Int = 1_000) throws -> Workload {
  let problem = try GaussianMixtureProblem.adbench(dimension: d, components: k, points: n, seed: 42)
  let theta = problem.parameters
  let x = try problem.pointTensor()
  let parameters = try problem.tensors(theta)
  func gradientStep() throws -> Double {
    for leaf in parameters.leaves { leaf.zeroGrad() }
    let value = try problem.objective(parameters, points: x)
    try value.backward()
    return try value.item()
  }

  // The tensor objective against the scalar port of ADBench's C++, its gradient against the
  // hand-written one.
  let objective = problem.objective(theta)
  let value = try gradientStep()
  try check("GMM (\(d), \(k)) on tensors: objective against the scalar port", Swift.abs(value - objective) / Swift.abs(objective), below: 1e-12)
  let reference = problem.gradientByHand(theta)
  try check("GMM (\(d), \(k)) on tensors: gradient against the hand-written one", maxRelativeDifference(parameters.flatGradient(), reference), below: 1e-9)
  report.exported["gmm-tensor/\(d)x\(k)"] = [
    "d": d, "k": k, "n": n, "x": problem.x, "parameters": theta, "gradient": reference,
    "wishart_gamma": problem.wishartGamma, "wishart_m": problem.wishartM, "objective": objective,
  ]
  let peers = [
    Peer("objective") { blackHole((try? noGrad { try problem.objective(parameters, points: x) }).map { $0.scalars.first ?? 0 } ?? 0) },
    Peer("gradient") { blackHole((try? gradientStep()) ?? 0) },
  ]
  return Workload(id: "gmm-tensor/\(d)x\(k)", peers: peers) { t in
    let (forward, step) = (t[0], t[1])
    report.heading("4b. ADBench GMM (\(d), \(k)) on tensors, N = \(n) points")
    report.add("The objective of section 3 written with tensors as the JAX peer writes it (Benchmarks/jax/peer.py): centered points [K, N, d], Qₖ(xᵢ − μₖ) as exp(qₖ) ⊙ (xᵢ − μₖ) plus one batched product with Lₖᵀ (`bmm`, Lₖᵀ from `scatteredToMatrices`), logsumexp over the components. JAX's figures beside it come from Scripts/benchmark-jax.\n")
    report.table(["", "time", "/ objective"], [
      ["objective (noGrad)", cell(forward), ""],
      ["gradient (forward + backward)", cell(step), ratioCell(step, forward)],
    ])
  }
}

/// `iterations` tensor GMM (64, 10) gradients and nothing else: fixed work for callgrind.
func profileTensorGaussianMixture(iterations: Int) throws {
  let problem = try GaussianMixtureProblem.adbench(dimension: 64, components: 10, points: 1_000, seed: 42)
  let x = try problem.pointTensor()
  let parameters = try problem.tensors(problem.parameters)
  for _ in 0..<iterations {
    for leaf in parameters.leaves { leaf.zeroGrad() }
    try problem.objective(parameters, points: x).backward()
  }
  blackHole(parameters.flatGradient().first ?? 0)
}
