import BenchmarkWorkloads
import DualAD
import Foundation

// The benchmark suite: every workload checked against an independent result, then its peers
// timed side by side (ADBench's rule: samples of ≥ 0.5 s, up to 10, minimum and median).
//
// Usage: DualADBenchmarks [--quick] [--only PREFIX,...] [--markdown FILE] [--csv FILE]
//        DualADBenchmarks --export FILE [--only PREFIX,...]  inputs and results for the JAX peer
//        DualADBenchmarks --serve                            samples on request (the JAX peer)
//        DualADBenchmarks --profile-reverse [N] [--iterations K] | --profile-gmm  fixed work for callgrind
//        DualADBenchmarks --profile-logistic [K]                                  K tensor logistic steps, for callgrind
//        DualADBenchmarks --profile-gmm-tensor [K]                                K tensor GMM (64, 10) gradients, for callgrind
let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
Settings.quick = arguments.contains("--quick")

if arguments.contains("--profile-reverse") {
  // 200 gradients at n = 1 000, or as many terms in all at another n (`--profile-reverse N`),
  // or K gradients (`--iterations K`).
  let n = option("--profile-reverse").flatMap { Int($0) } ?? 1_000
  let iterations = option("--iterations").flatMap { Int($0) } ?? max(1, 200_000 / n)
  let x = rosenbrockPoint(n)
  for _ in 0..<iterations { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) }
  exit(0)
}
if arguments.contains("--profile-gmm") {
  // One objective and one reverse gradient of GMM (10, 25): compare their instruction counts.
  let problem = try GaussianMixtureProblem.adbench(dimension: 10, components: 25, points: 1_000, seed: 42)
  blackHole(problem.objective(opaque(problem.parameters)))
  blackHole(try? gradient(at: opaque(problem.parameters), of: { problem.objective($0) }))
  exit(0)
}
if arguments.contains("--profile-logistic") {
  try profileLogisticStep(iterations: option("--profile-logistic").flatMap { Int($0) } ?? 10)
  exit(0)
}
if arguments.contains("--profile-gmm-tensor") {
  try profileTensorGaussianMixture(iterations: option("--profile-gmm-tensor").flatMap { Int($0) } ?? 1)
  exit(0)
}

/// Every workload, in report order; built only when selected.
var catalogue: [(id: String, make: () throws -> Workload)] = []
for n in [10, 100, 1_000, 10_000, 100_000] { catalogue.append(("rosenbrock/\(n)", { try rosenbrockWorkload(n: n) })) }
for name in ["logsumexp", "normal"] {
  for n in [1_024, 16_384] { catalogue.append(("\(name)/\(n)", { try reductionWorkload(name, n: n) })) }
}
for (d, k) in [(2, 5), (10, 25), (64, 10)] { catalogue.append(("gmm/\(d)x\(k)", { try gaussianMixtureWorkload(d: d, k: k) })) }
catalogue.append(("logistic/256x512x512", { try tensorWorkload() }))
catalogue.append(("gmm-tensor/64x10", { try tensorGaussianMixtureWorkload(d: 64, k: 10) }))
catalogue.append(("jacobian/softmax/100", { try jacobianWorkload() }))
catalogue.append(("hvp/rosenbrock/1000", { try hessianVectorProductWorkload() }))
catalogue.append(("hessian/rosenbrock/100", { try hessianWorkload() }))

/// Workloads whose rows share one table, which is written after the last of them.
func family(_ id: String) -> String {
  let head = String(id.prefix { $0 != "/" })
  return head == "logsumexp" || head == "normal" ? "reductions" : head
}

let prefixes = option("--only")?.split(separator: ",").map(String.init)
let selected = catalogue.filter { entry in prefixes.map { $0.contains { entry.id.hasPrefix($0) } } ?? true }

do {
  if let path = option("--export") {
    for entry in selected { _ = try entry.make() }
    let data = try JSONSerialization.data(withJSONObject: report.exported, options: [.sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
    print("wrote \(report.exported.count) workloads' inputs and results to \(path)")
    exit(0)
  }
  if arguments.contains("--serve") {
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
    default: break
    }
  }
  print("\nsuite ran in \(seconds(now() - start)) (checksum \(sink))")
  if let path = option("--markdown") {
    try report.write(markdownTo: path, header: [
      "Run: \(Settings.quick ? "`--quick` (smoke run: samples of ≥ 0.02 s, up to 3; not for quoting)" : "full (samples of ≥ 0.5 s, up to 10)"), \(Date().formatted(.iso8601.year().month().day())).",
    ])
  }
  if let path = option("--csv") {
    try (report.chartRows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  }
} catch {
  print("benchmark stopped: \(error)")
  exit(1)
}
