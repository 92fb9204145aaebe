import Glibc
import DualAD

// Rosenbrock gradient: ours, hand-written and Swift's built-in AD, each over its own primal time,
// measured side by side in one run; then its second derivatives (RosenbrockHessian.swift).
// Usage: CoreBenchmarks [--quick]
let quick = CommandLine.arguments.contains("--quick")
if CommandLine.arguments.contains("--profile-reverse") {
  // A fixed amount of work for instruction-counting profilers (valgrind --tool=callgrind).
  let x = point(1_000)
  for _ in 0..<200 { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) }
  exit(0)
}
let minimumSample = quick ? 0.05 : 0.5
let samples = quick ? 3 : 10
/// Swift's AD is quadratic in n on arrays; above this size one call takes too long to sample.
let swiftADLimit = 10_000

func point(_ n: Int) -> [Double] { (0..<n).map { Double($0 % 13) / 6.5 - 1 } }

func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? 0
}

print("Rosenbrock: time per call, min (median); ratios use the minimum")
print("n        primal     hand grad  DualAD grad  DualAD reused tape  Swift AD grad  | DualAD/hand  DualAD/primal  hand/primal  SwiftAD/DualAD  nodes  ns/node")
for n in [10, 1_000, 100_000] {
  let x = point(n)
  let reference = rosenbrockGradientByHand(x)
  let ours = try gradient(at: x, of: rosenbrock)
  guard maxRelativeDifference(ours, reference) < 1e-12 else {
    print("DualAD's gradient disagrees with the hand-written one at n = \(n)")
    exit(1)
  }
  let tape = Tape<Double>(reservingCapacity: 10 * n)
  func reusedTapeGradient() -> [Double] {
    tape.reset()
    let v = tape.variables(opaque(x))
    let y = rosenbrock(v)
    return (try? tape.gradient(of: y, withRespectTo: v)) ?? []
  }
  guard maxRelativeDifference(reusedTapeGradient(), reference) < 1e-12 else { exit(1) }
  let nodes = tape.nodeCount
  let recordOnly = measure(minimumSample: minimumSample, samples: samples) {
    tape.reset()
    blackHole(rosenbrock(tape.variables(opaque(x))).value)
  }
  tape.reset()
  let recorded = tape.variables(x)
  let output = rosenbrock(recorded)
  let sweepOnly = measure(minimumSample: minimumSample, samples: samples) {
    blackHole(try? tape.gradient(of: output, withRespectTo: recorded))
  }
  print("  n = \(n): record \(fmt(recordOnly.minimum / Double(nodes) * 1e9)) ns/node, sweep \(fmt(sweepOnly.minimum / Double(nodes) * 1e9)) ns/node")

  let primal = measure(minimumSample: minimumSample, samples: samples) { blackHole(rosenbrock(opaque(x))) }
  let hand = measure(minimumSample: minimumSample, samples: samples) { blackHole(rosenbrockGradientByHand(opaque(x))) }
  let dual = measure(minimumSample: minimumSample, samples: samples) { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) }
  let reused = measure(minimumSample: minimumSample, samples: samples) { blackHole(reusedTapeGradient()) }
  var swiftAD: Timing?
  if n <= swiftADLimit {
    guard maxRelativeDifference(rosenbrockGradientBySwiftAD(x), reference) < 1e-12 else { exit(1) }
    swiftAD = measure(minimumSample: minimumSample, samples: quick ? 1 : 3) { blackHole(rosenbrockGradientBySwiftAD(x)) }
  }
  let swiftCell = swiftAD.map(cell) ?? "not run (quadratic)"
  let swiftRatio = swiftAD.map { fmt($0.minimum / dual.minimum) + "×" } ?? "–"
  print("\(n)  \(cell(primal))  \(cell(hand))  \(cell(dual))  \(cell(reused))  \(swiftCell)  | \(fmt(dual.minimum / hand.minimum))×  \(fmt(dual.minimum / primal.minimum))×  \(fmt(hand.minimum / primal.minimum))×  \(swiftRatio)  \(nodes)  \(fmt(dual.minimum / Double(nodes) * 1e9))")
}
print("bytes per tape node (Double, adjoint included): \(Tape<Double>.bytesPerNode)")

func t(_ s: Double) -> String {
  s < 1e-6 ? "\(fmt(s * 1e9)) ns" : s < 1e-3 ? "\(fmt(s * 1e6)) µs" : "\(fmt(s * 1e3)) ms"
}

/// "min (median)".
func cell(_ m: Timing) -> String { "\(t(m.minimum)) (\(t(m.median)))" }

func fmt(_ x: Double) -> String {
  let r = (x * 100).rounded() / 100
  return x >= 100 ? String(Int(x.rounded())) : String(r)
}
runHessianBenchmarks()
print("(checksum \(sink))")
