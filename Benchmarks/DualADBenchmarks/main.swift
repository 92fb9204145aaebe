import ArgumentParser
import BenchmarkWorkloads
import DualAD
import Foundation

// The benchmark suite: every workload checked against an independent result, then its peers
// timed side by side (ADBench's rule: samples of ≥ 0.5 s, up to 10, minimum and median).
//
// Usage: DualADBenchmarks --help (Harness/Arguments.swift).
let arguments = BenchmarkArguments.parseOrExit()
Settings.quick = arguments.quick

if arguments.profileReverse || arguments.profileCustomRule || arguments.profileSum {
  // 200 gradients at n = 1 000, or as many terms in all at another n (`--profile-reverse N`),
  // or K gradients (`--iterations K`); built-in operations, one BinaryRule per term, or T.sum.
  let n = arguments.profileReverseTerms ?? 1_000
  let iterations = arguments.iterations ?? max(1, 200_000 / n)
  let x = rosenbrockPoint(n)
  if arguments.profileCustomRule {
    for _ in 0..<iterations { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithCustomRule)) }
  } else if arguments.profileSum {
    for _ in 0..<iterations { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithSum)) }
  } else {
    for _ in 0..<iterations { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) }
  }
  exit(0)
}
if arguments.profileLogsumexp {
  // 20 gradients of log-sum-exp at n = 16 384: one reduction node with all its parents.
  let x = (0..<16_384).map { Double($0 % 17) / 8.5 - 1 }
  for _ in 0..<20 { blackHole(try? gradient(at: opaque(x), of: logSumExp)) }
  exit(0)
}
if arguments.profileGmm {
  // One objective and one reverse gradient of GMM (10, 25): compare their instruction counts.
  let problem = try GaussianMixtureProblem.adbench(dimension: 10, components: 25, points: 1_000, seed: 42)
  blackHole(problem.objective(opaque(problem.parameters)))
  blackHole(try? gradient(at: opaque(problem.parameters), of: { problem.objective($0) }))
  exit(0)
}
if let steps = arguments.profileLogistic {
  try profileLogisticStep(iterations: steps)
  exit(0)
}
if let gradients = arguments.profileGmmTensor {
  try profileTensorGaussianMixture(iterations: gradients)
  exit(0)
}

/// Every workload, in report order; built only when selected.
var catalogue: [(id: String, make: () throws -> Workload)] = []
for n in [10, 100, 1_000, 10_000, 100_000] { catalogue.append(("rosenbrock/\(n)", { try rosenbrockWorkload(n: n) })) }
for name in ["logsumexp", "normal"] {
  for n in [1_024, 16_384] { catalogue.append(("\(name)/\(n)", { try reductionWorkload(name, n: n) })) }
}
for (d, k) in [(2, 5), (10, 25), (64, 10)] { catalogue.append(("gmm/\(d)x\(k)", { try gaussianMixtureWorkload(d: d, k: k) })) }
for n in [100, 300] { catalogue.append(("dense/quadratic/\(n)", { try quadraticFormWorkload(n: n) })) }
catalogue.append(("dense/tanh/32x64", { try tanhLayerWorkload() }))
catalogue.append(("logistic/256x512x512", { try tensorWorkload() }))
catalogue.append(("gmm-tensor/64x10", { try tensorGaussianMixtureWorkload(d: 64, k: 10) }))
catalogue.append(("jacobian/softmax/100", { try jacobianWorkload() }))
catalogue.append(("hvp/rosenbrock/1000", { try hessianVectorProductWorkload() }))
catalogue.append(("hessian/rosenbrock/100", { try hessianWorkload() }))
for n in [1_000, 100_000] { catalogue.append(("customrule/rosenbrock/\(n)", { try customRuleWorkload(n: n) })) }

/// Workloads whose rows share one table, which is written after the last of them.
func family(_ id: String) -> String {
  let head = String(id.prefix { $0 != "/" })
  return head == "logsumexp" || head == "normal" ? "reductions" : head
}

let prefixes = arguments.prefixes
let selected = catalogue.filter { entry in prefixes.map { $0.contains { entry.id.hasPrefix($0) } } ?? true }

do {
  if let path = arguments.export {
    for entry in selected { _ = try entry.make() }
    let data = try JSONSerialization.data(withJSONObject: report.exported, options: [.sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
    print("wrote \(report.exported.count) workloads' inputs and results to \(path)")
    exit(0)
  }
  if arguments.serve {
    try serve(selected.map { try $0.make() })
    exit(0)
  }
  let start = now()
  for (i, entry) in selected.enumerated() {
    try entry.make().run()
    let current = family(entry.id)
    guard i + 1 == selected.count || family(selected[i + 1].id) != current else { continue }
    switch current {
    case "rosenbrock": reportRosenbrock()
    case "reductions": reportReductions()
    case "gmm": reportGaussianMixture()
    case "customrule": reportCustomRule()
    case "dense": reportDenseLayers()
    default: break
    }
  }
  print("\nsuite ran in \(seconds(now() - start)) (checksum \(sink))")
  if let path = arguments.markdown {
    try report.write(markdownTo: path, header: [
      "Run: \(Settings.quick ? "`--quick` (smoke run: samples of ≥ 0.02 s, up to 3; not for quoting)" : "full (samples of ≥ 0.5 s, up to 10)"), \(Date().formatted(.iso8601.year().month().day())).",
    ])
  }
  if let path = arguments.csv {
    try (report.chartRows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  }
} catch {
  print("benchmark stopped: \(error)")
  exit(1)
}
