import DualAD
import GradientCheck
import Foundation

/// A closed-form figure the reverse mode must reproduce: vᵀJ for one cotangent v.
struct Expectation {
  let label: String
  let cotangent: [Double]
  let expected: [Double]
}

/// One function of the catalogue, the point it is checked at, and its closed-form expectations.
struct VerificationCase {
  let name: String
  let function: any ADFunction
  let point: [Double]
  var expectations: [Expectation] = []
}

/// linspace(a, b, steps: n), as PyTorch's.
func linspace(_ a: Double, _ b: Double, steps n: Int) -> [Double] {
  (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
}

/// σ(x) evaluated directly, for closed forms that must not come from the code under test.
func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// Every function the verification runs, in report order.
func catalogue() -> [VerificationCase] {
  var cases: [VerificationCase] = []

  // Every rule of the table, at its representative points.
  for (rule, _) in RuleCatalogue.unary {
    cases.append(VerificationCase(name: "rule \(rule)", function: UnaryRuleFunction(rule), point: rule.domain.points))
  }
  for (rule, _, _) in RuleCatalogue.binary {
    let (x, y) = rule.domain.point
    cases.append(VerificationCase(name: "rule \(rule)", function: BinaryRuleFunction(rule), point: [x, y]))
  }

  // The seed cases of the scalar core.
  cases.append(VerificationCase(
    name: "x*x, x = [16]", function: Square(), point: [16],
    expectations: [Expectation(label: "backward()", cotangent: [1], expected: [32])]))
  let x5 = [1.0, 5, 6, 10, 16]
  cases.append(VerificationCase(
    name: "x*x, weighted cotangents", function: Square(), point: x5,
    expectations: [
      Expectation(label: "backward(ones)", cotangent: [1, 1, 1, 1, 1], expected: x5.map { 2 * $0 }),
      Expectation(
        label: "backward([1, 0.1, 0.1, 0.5, 0.1])", cotangent: [1, 0.1, 0.1, 0.5, 0.1], expected: [2, 1, 1.2, 10, 3.2]),
    ]))
  let z = linspace(-1, 1, steps: 5)
  cases.append(VerificationCase(
    name: "identity y = z", function: Identity(), point: z,
    expectations: [Expectation(label: "backward(z)", cotangent: z, expected: z)]))
  cases.append(VerificationCase(
    name: "sum(z)", function: Sum(), point: z,
    expectations: [Expectation(label: "backward()", cotangent: [1], expected: [1, 1, 1, 1, 1])]))
  cases.append(VerificationCase(
    name: "sum(z^2)", function: SumOfSquares(), point: z,
    expectations: [Expectation(label: "backward()", cotangent: [1], expected: [-2, -1, 0, 1, 2])]))
  let z15 = linspace(1, 5, steps: 5)
  cases.append(VerificationCase(
    name: "z^2 seeded with z", function: Square(), point: z15,
    expectations: [Expectation(label: "backward(z)", cotangent: z15, expected: [2, 8, 18, 32, 50])]))
  cases.append(VerificationCase(
    name: "linear regression", function: LinearRegressionLoss(xs: [1, 2], ys: [5, 7]), point: [1, 0],
    expectations: [Expectation(label: "w.grad, b.grad", cotangent: [1], expected: [-28, -18])]))
  cases.append(logisticCase())

  // Vector functions at inputs where naive formulas overflow.
  cases.append(VerificationCase(name: "softmax", function: Softmax(), point: [1, 2, 3]))
  cases.append(VerificationCase(name: "softmax at 1000", function: Softmax(), point: [1000, 1001, 999]))
  cases.append(VerificationCase(name: "normalise", function: Normalise(), point: [3, 4, 12]))
  let large = [1000.0, 1001, 999]
  let shift = large.map { exp($0 - 1001) }
  cases.append(VerificationCase(
    name: "logsumexp at 1000", function: LogSumExp(), point: large,
    expectations: [
      Expectation(label: "gradient = softmax", cotangent: [1], expected: shift.map { $0 / shift.reduce(0, +) })
    ]))
  let logits = [100.0, -100, 800, -800], targets = [0.0, 1, 0.25, 0.75]
  cases.append(VerificationCase(
    name: "BCE-with-logits at ±100, ±800", function: BCEWithLogits(targets: targets), point: logits,
    expectations: [
      Expectation(
        label: "(σ(z) − y)/4", cotangent: [1],
        expected: zip(logits, targets).map { (logistic($0) - $1) / 4 })
    ]))
  cases.append(VerificationCase(
    name: "Rosenbrock", function: Rosenbrock(), point: [-1.2, 1, 1.5, 0.8]))
  cases.append(VerificationCase(
    name: "Gaussian mixture log-likelihood",
    function: GaussianMixtureLogLikelihood(data: [-1.2, 0.3, 2.1, 2.8, -0.5, 1.7]),
    point: [-1, 2, 0, -0.3, 0.4]))
  return cases
}

/// x = ones(5), y = zeros(3), W (5×3) and b (3) fixed: b.grad = (σ(z) − y)/3, every row of W.grad = b.grad.
func logisticCase() -> VerificationCase {
  let x = [Double](repeating: 1, count: 5), y = [Double](repeating: 0, count: 3)
  var generator = SeededGenerator(seed: 14)
  let parameters = (0..<18).map { _ in Double.random(in: -1...1, using: &generator) }
  var logits: [Double] = []
  for j in 0..<3 {
    var z = parameters[15 + j]
    for k in 0..<5 { z += x[k] * parameters[k * 3 + j] }
    logits.append(z)
  }
  let bGrad = zip(logits, y).map { (logistic($0) - $1) / 3 }
  let wGrad = (0..<5).flatMap { _ in bGrad }
  return VerificationCase(
    name: "logistic model", function: LogisticModelLoss(x: x, targets: y), point: parameters,
    expectations: [Expectation(label: "W.grad rows = b.grad = (σ(z) − y)/3", cotangent: [1], expected: wGrad + bGrad)])
}
