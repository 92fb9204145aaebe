import BenchmarkWorkloads
import DualAD

/// Rosenbrock's gradient with each term a custom rule (one tape node with two parents) against
/// the built-in operations it replaces (eight operations, one node with three parents).
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
  let customAllocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithCustomRule)) }
  let arrayAllocations = allocationsPerCall { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithArrayRule)) }
  let peers = [
    Peer("built-in") { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) },
    Peer("binary rule") { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithCustomRule)) },
    Peer("array rule") { blackHole(try? gradient(at: opaque(x), of: rosenbrockWithArrayRule)) },
  ]
  return Workload(id: "customrule/rosenbrock/\(n)", peers: peers) { t in
    customRuleRows.append([
      "\(n)", cell(t[0]), cell(t[1]), cell(t[2]), ratioCell(t[1], t[0]), ratioCell(t[2], t[0]),
      String(format: "%.0f", builtInAllocations), String(format: "%.0f", customAllocations), String(format: "%.0f", arrayAllocations),
    ])
  }
}

nonisolated(unsafe) var customRuleRows: [[String]] = []

func reportCustomRule() {
  report.heading("Custom rule on the tape: Rosenbrock's term as one rule")
  report.add("Reverse gradient of Rosenbrock's function, built-in operations against each term `100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²` as one custom rule with its two partials: a `BinaryRule` (scalars in, value and partials out) and the same rule through the general array form of `CustomRule`. Time per call, min (median); `allocs`: heap allocations per gradient call.\n")
  report.table(
    ["n", "built-in", "binary rule", "array rule", "binary / built-in", "array / built-in", "allocs built-in", "allocs binary", "allocs array"],
    customRuleRows)
}
