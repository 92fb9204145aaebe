import BenchmarkWorkloads
import DualAD

/// Workload 6: Rosenbrock's Hessian-vector product (forward over reverse) against its gradient
/// and the hand-written H·v at n = 1 000; the full Hessian in both modes at n = 100.
func hessianVectorProductWorkload(n: Int = 1_000) throws -> Workload {
  let x = rosenbrockPoint(n)
  let v = (0..<n).map { Double(($0 * 7) % 11) / 5.5 - 1 }
  let reference = rosenbrockHessianVectorProductByHand(x, v)
  try check("Rosenbrock H·v n = \(n): DualAD against the hand-written product", maxRelativeDifference(try hessianVectorProduct(at: x, direction: v, of: rosenbrock), reference), below: 1e-12)
  report.exported["hvp/rosenbrock/\(n)"] = ["x": x, "v": v, "hvp": reference]
  let peers = [
    Peer("gradient") { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) },
    Peer("DualAD") { blackHole(try? hessianVectorProduct(at: opaque(x), direction: v, of: rosenbrock)) },
    Peer("hand") { blackHole(rosenbrockHessianVectorProductByHand(opaque(x), v)) },
  ]
  return Workload(id: "hvp/rosenbrock/\(n)", peers: peers) { t in
    report.heading("6. Rosenbrock Hessian-vector product and Hessian")
    report.table(["", "time", "/ DualAD gradient", "/ hand H·v"], [
      ["DualAD gradient, n = \(n)", cell(t[0]), "1×", ""],
      ["DualAD H·v (forward over reverse), n = \(n)", cell(t[1]), ratioCell(t[1], t[0]), ratioCell(t[1], t[2])],
      ["hand-written H·v, n = \(n)", cell(t[2]), ratioCell(t[2], t[0]), "1×"],
    ])
  }
}

func hessianWorkload(n: Int = 100) throws -> Workload {
  let y = rosenbrockPoint(n)
  let columns = (0..<n).map { j in rosenbrockHessianVectorProductByHand(y, (0..<n).map { $0 == j ? 1.0 : 0 }) }
  let overReverse = try hessian(at: y, of: rosenbrock)
  let overForward = try forwardOverForwardHessian(at: y, of: rosenbrock)
  let error = (0..<n).map { j in
    max(maxRelativeDifference(overReverse.map { $0[j] }, columns[j]), maxRelativeDifference(overForward.map { $0[j] }, columns[j]))
  }.max() ?? .infinity
  try check("Rosenbrock Hessian n = \(n): both modes against the hand-written columns", error, below: 1e-12)
  let peers = [
    Peer("gradient") { blackHole(try? gradient(at: opaque(y), of: rosenbrock)) },
    Peer("forward over reverse") { blackHole(try? hessian(at: opaque(y), of: rosenbrock)) },
    Peer("forward over forward") { blackHole(try? forwardOverForwardHessian(at: opaque(y), of: rosenbrock)) },
  ]
  return Workload(id: "hessian/rosenbrock/\(n)", peers: peers) { t in
    report.table(["full Hessian, n = \(n)", "time", "/ DualAD gradient", "passes"], [
      ["forward over reverse (`Variable<DualVector<8>>`)", cell(t[1]), ratioCell(t[1], t[0]), "⌈n/8⌉ = \((n + 7) / 8) sweeps"],
      ["forward over forward", cell(t[2]), ratioCell(t[2], t[0]), "n(n+1)/2 = \(n * (n + 1) / 2) passes"],
    ])
  }
}
