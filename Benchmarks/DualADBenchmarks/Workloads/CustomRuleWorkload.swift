import BenchmarkWorkloads
import DualAD

/// Rosenbrock's gradient with each term a custom rule (one tape node with two parents), and with
/// the terms as one `T.sum` (one node with 2(n − 1) parents), against the built-in operations
/// (eight per term, one node with three parents) and the hand-written gradient.
func customRuleWorkload(n: Int) throws -> Workload {
  let x = rosenbrockPoint(n)
  let reference = rosenbrockGradientByHand(x)
  try check(
    "Rosenbrock n = \(n) with a custom rule per term against the hand-written gradient",
    maxRelativeDifference(try gradient(at: x, of: rosenbrockWithCustomRule), reference), below: 1e-12)
  let builtInAllocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) }
  try check(
    "Rosenbrock n = \(n) with the array form of the rule against the hand-written gradient",
    maxRelativeDifference(try gradient(at: x, of: rosenbrockWithArrayRule), reference), below: 1e-12)
  try check(
    "Rosenbrock n = \(n) as one T.sum against the hand-written gradient",
    maxRelativeDifference(try gradient(at: x, of: rosenbrockWithSum), reference), below: 1e-12)
  let sumAllocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithSum)) }
  let customAllocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithCustomRule)) }
  let arrayAllocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithArrayRule)) }
  let peers = [
    Peer("hand-written") { blackHole(rosenbrockGradientByHand(opaque(x))) },
    Peer("built-in") { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) },
    Peer("T.sum") { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithSum)) },
    Peer("binary rule") { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithCustomRule)) },
    Peer("array rule") { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithArrayRule)) },
  ]
  return Workload(id: "customrule/rosenbrock/\(n)", peers: peers) { t in
    customRuleRows.append([
      "\(n)", cell(t[0]), cell(t[1]), cell(t[2]), cell(t[3]), cell(t[4]),
      ratioCell(t[1], t[0]), ratioCell(t[2], t[0]), ratioCell(t[3], t[1]), ratioCell(t[4], t[1]),
      [builtInAllocations, sumAllocations, customAllocations, arrayAllocations].map { String(format: "%.0f", $0) }
        .joined(separator: ", "),
    ])
  }
}

nonisolated(unsafe) var customRuleRows: [[String]] = []

func reportCustomRule() {
  report.heading("Custom rule on the tape: Rosenbrock's term as one rule, or the terms as one sum")
  report.add("Reverse gradient of Rosenbrock's function, built-in operations against the terms `100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²` as one `T.sum` (a lazy map), and against each term as one custom rule with its two partials: a `BinaryRule` (scalars in, value and partials out) and the same rule through the general array form of `CustomRule`. Time per call, min (median); `allocs`: heap allocations per gradient call, built-in, T.sum, binary and array.\n")
  report.table(
    ["n", "hand-written", "built-in", "T.sum", "binary rule", "array rule", "built-in / hand", "T.sum / hand", "binary / built-in", "array / built-in", "allocs"],
    customRuleRows)
}
