import Glibc
import DualAD

// Second derivatives of Rosenbrock: the Hessian-vector product against the gradient (bar: ≤ 4×)
// at n = 1 000, and the full Hessian in both modes at n = 100, each timed side by side with
// the gradient so that the ratios survive a noisy machine.

/// H·v by hand: H is tridiagonal with Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2 (+ 200 for i > 0), Hᵢ,ᵢ₊₁ = −400xᵢ.
func rosenbrockHessianVectorProductByHand(_ x: [Double], _ v: [Double]) -> [Double] {
  var hv = [Double](repeating: 0, count: x.count)
  for i in 0..<(x.count - 1) {
    let diagonal = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
    hv[i] += diagonal * v[i] - 400 * x[i] * v[i + 1]
    hv[i + 1] += -400 * x[i] * v[i] + 200 * v[i + 1]
  }
  return hv
}

/// Each body measured in turn, `rounds` times over; each keeps its best round. Interleaving
/// exposes every workload to the same load on a shared machine.
func measureSideBySide(rounds: Int, _ bodies: [() -> Void]) -> [Timing] {
  var best = [Timing?](repeating: nil, count: bodies.count)
  for _ in 0..<rounds {
    for (k, body) in bodies.enumerated() {
      let t = measure(minimumSample: minimumSample, samples: samples, body)
      if best[k].map({ t.minimum < $0.minimum }) ?? true { best[k] = t }
    }
  }
  return best.map { $0 ?? Timing(minimum: .nan, median: .nan) }
}

func runHessianBenchmarks() {
  let rounds = quick ? 2 : 3
  print()
  print("Rosenbrock second derivatives: time per call, min (median); ratios use the minimum, measured side by side")

  // Hessian-vector product at n = 1 000.
  let n = 1_000
  let x = point(n)
  let v = (0..<n).map { Double(($0 * 7) % 11) / 5.5 - 1 }
  let reference = rosenbrockHessianVectorProductByHand(x, v)
  guard let hvp = try? hessianVectorProduct(at: x, direction: v, of: rosenbrock),
    maxRelativeDifference(hvp, reference) < 1e-12
  else {
    print("DualAD's Hessian-vector product disagrees with the hand-written one at n = \(n)")
    exit(1)
  }
  let hvpTimes = measureSideBySide(rounds: rounds, [
    { blackHole(try? gradient(at: opaque(x), of: rosenbrock)) },
    { blackHole(try? hessianVectorProduct(at: opaque(x), direction: v, of: rosenbrock)) },
    { blackHole(rosenbrockHessianVectorProductByHand(opaque(x), v)) },
  ])
  let (grad, product, handProduct) = (hvpTimes[0], hvpTimes[1], hvpTimes[2])
  print("n = \(n)  gradient \(cell(grad))  Hessian-vector product \(cell(product))  hand H·v \(cell(handProduct))")
  let ratio = product.minimum / grad.minimum
  print("  H·v / gradient = \(fmt(ratio))× (bar ≤ 4×: \(ratio <= 4 ? "met" : "NOT MET"))")

  // Full Hessian at n = 100.
  let m = 100
  let y = point(m)
  let columns = (0..<m).map { j in rosenbrockHessianVectorProductByHand(y, (0..<m).map { $0 == j ? 1.0 : 0 }) }
  guard let overReverse = try? hessian(at: y, of: rosenbrock),
    let overForward = try? forwardOverForwardHessian(at: y, of: rosenbrock),
    (0..<m).allSatisfy({ j in
      maxRelativeDifference(overReverse.map { $0[j] }, columns[j]) < 1e-12
        && maxRelativeDifference(overForward.map { $0[j] }, columns[j]) < 1e-12
    })
  else {
    print("DualAD's Hessian disagrees with the hand-written one at n = \(m)")
    exit(1)
  }
  let hessianTimes = measureSideBySide(rounds: rounds, [
    { blackHole(try? gradient(at: opaque(y), of: rosenbrock)) },
    { blackHole(try? hessian(at: opaque(y), of: rosenbrock).first) },
    { blackHole(try? forwardOverForwardHessian(at: opaque(y), of: rosenbrock).first) },
  ])
  let (smallGradient, reverseHessian, forwardHessian) = (hessianTimes[0], hessianTimes[1], hessianTimes[2])
  print("n = \(m)  gradient \(cell(smallGradient))  Hessian forward-over-reverse \(cell(reverseHessian))  forward-over-forward \(cell(forwardHessian))")
  print("  forward-over-reverse / gradient = \(fmt(reverseHessian.minimum / smallGradient.minimum))× (⌈n/8⌉ = \((m + 7) / 8) sweeps)")
  print("  forward-over-forward / gradient = \(fmt(forwardHessian.minimum / smallGradient.minimum))× (n(n+1)/2 = \(m * (m + 1) / 2) passes)")
  print("  forward-over-forward / forward-over-reverse = \(fmt(forwardHessian.minimum / reverseHessian.minimum))×")
}
