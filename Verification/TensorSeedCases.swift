import DualAD
import DualADTensor
import Foundation

/// One SEEDS.md case run through the PyTorch-style Tensor API, against the figures PyTorch prints.
struct SeedCaseResult: Codable {
  let name: String
  let check: String
  let expected: String
  let computed: String
  let passed: Bool
}

/// Close to within a few units in the last place: the figures are decimal, the arithmetic binary.
private func close(_ a: [Double]?, _ b: [Double]) -> Bool {
  guard let a, a.count == b.count else { return false }
  return zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 4 * Swift.max(Swift.abs($1), 1) * Double.ulpOfOne }
}

private func show(_ x: [Double]?) -> String { x.map(vector) ?? "nil" }

/// Runs every SEEDS.md case on tensors; the expected figures are SEEDS.md's (E14's from σ by hand).
func tensorSeedCases() throws(TensorError) -> [SeedCaseResult] {
  var rows: [SeedCaseResult] = []
  func values(_ name: String, _ check: String, _ computed: [Double]?, _ expected: [Double]) {
    rows.append(SeedCaseResult(name: name, check: check, expected: vector(expected), computed: show(computed), passed: close(computed, expected)))
  }
  func fact(_ name: String, _ check: String, _ expected: String, _ computed: String) {
    rows.append(SeedCaseResult(name: name, check: check, expected: expected, computed: computed, passed: expected == computed))
  }
  func message(_ body: () throws(TensorError) -> Void) -> String {
    do { try body(); return "no error" } catch { return error.description }
  }

  // A: backward on a scalar and on a vector.
  let x1 = Tensor<Double>([16], requiresGrad: true)
  try (try x1 * x1).backward()
  values("A1 x = [16], y = x*x", "y.backward() → x.grad", x1.grad?.scalars, [32])
  let x2 = Tensor<Double>([1, 16], requiresGrad: true)
  let y2 = try x2 * x2
  let error2 = message { () throws(TensorError) in try y2.backward() }
  fact("A2 x = [1, 16], y = x*x", "y.backward() throws", "grad can be implicitly created only for scalar outputs",
       String(error2.prefix("grad can be implicitly created only for scalar outputs".count)))
  fact("A2", "x.grad after the error", "nil", x2.grad == nil ? "nil" : "written")
  let x = [1.0, 5, 6, 10, 16]
  let x3 = Tensor<Double>(x, requiresGrad: true)
  try (try x3 * x3).backward(gradient: Tensor.ones([5]), retainGraph: true)
  values("A3 y = x*x", "backward(ones(5)) → x.grad", x3.grad?.scalars, [2, 10, 12, 20, 32])
  let x4 = Tensor<Double>(x, requiresGrad: true)
  try (try x4 * x4).backward(gradient: [1, 0.1, 0.1, 0.5, 0.1])
  values("A4 y = x*x", "backward([1, 0.1, 0.1, 0.5, 0.1])", x4.grad?.scalars, [2, 1, 1.2, 10, 3.2])

  // B: accumulation, and a graph that was not retained.
  let x5 = Tensor<Double>(x, requiresGrad: true)
  let y5 = try x5 * x5
  let steps: [([Double], [Double])] = [
    ([1, 1, 1, 1, 1], [2, 10, 12, 20, 32]), ([0.1, 0.1, 0.1, 0.1, 0.1], [2.2, 11, 13.2, 22, 35.2]),
    ([0.5, 0.1, 0.1, 0.1, 0.2], [3.2, 12, 14.4, 24, 41.6]),
  ]
  for (k, (v, expected)) in steps.enumerated() {
    try y5.backward(gradient: Tensor(v), retainGraph: true)
    values("B5 call \(k + 1), retainGraph", "backward(\(vector(v))) → x.grad", x5.grad?.scalars, expected)
  }
  let x6 = Tensor<Double>(x, requiresGrad: true)
  let y6 = try x6 * x6
  try y6.backward(gradient: Tensor.ones([5]))
  let error6 = message { () throws(TensorError) in try y6.backward(gradient: Tensor.ones([5])) }
  fact("B6 second backward", "throws", "Trying to backward through the graph a second time",
       String(error6.prefix("Trying to backward through the graph a second time".count)))
  values("B6", "x.grad keeps the first call's value", x6.grad?.scalars, [2, 10, 12, 20, 32])

  // C: identity against sum, the Jacobian against the vector-Jacobian product.
  let z = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
  try z.backward(gradient: z)
  values("C7 y = z", "y.backward(z) → z.grad = z", z.grad?.scalars, [-1, -0.5, 0, 0.5, 1])
  let z8 = try Tensor<Double>.linspace(1, 5, steps: 5, requiresGrad: true)
  try z8.pow(2).backward(gradient: z8)
  values("C8 y = z^2", "y.backward(z) → z.grad", z8.grad?.scalars, [2, 8, 18, 32, 50])
  values("C8", "z.grad / z = 2z", z8.grad.map { zip($0.scalars, z8.scalars).map(/) }, [2, 4, 6, 8, 10])
  let z9 = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
  try z9.sum().backward()
  values("C9 sum(z)", "backward() → ones", z9.grad?.scalars, [1, 1, 1, 1, 1])
  let z10 = try Tensor<Double>.linspace(-1, 1, steps: 5, requiresGrad: true)
  try z10.pow(2).sum().backward()
  values("C10 sum(z^2)", "backward() → 2z", z10.grad?.scalars, [-2, -1, 0, 1, 2])
  z10.zeroGrad()
  try z10.pow(2).sum().backward(gradient: Tensor(1.0))
  values("C10", "backward(tensor(1.0)) → the same", z10.grad?.scalars, [-2, -1, 0, 1, 2])
  let identity = (0..<25).map { $0 / 5 == $0 % 5 ? 1.0 : 0 }
  values("C11 y = z", "forward-mode Jacobian = I", try forwardJacobian(at: z.detach()) { $0 }.scalars, identity)
  values("C11", "reverse one-hot rows = I", try reverseJacobian(at: z.detach()) { $0 }.scalars, identity)

  // D: leaves, gradFn, linear regression.
  let data = Tensor<Double>([1, 2]), target = Tensor<Double>([5, 7])
  let w = Tensor<Double>(1.0, requiresGrad: true), b = Tensor<Double>(0.0, requiresGrad: true)
  let wx = try w * data, wxb = try wx + b, loss = try wxb - target, loss2 = loss.pow(2), lossSum = loss2.sum()
  try loss.retainGrad()
  let leaves = [data, target, w, b].map { $0.isLeaf && $0.gradFn == nil && $0.grad == nil }
  fact("D12 before backward", "x, y, w, b are leaves without grad or gradFn", "true", "\(!leaves.contains(false))")
  let interior = [wx, wxb, loss, loss2, lossSum].map { !$0.isLeaf && $0.gradFn != nil }
  fact("D12", "wx, wx_b, loss, loss2, loss2_sum have a gradFn", "true", "\(!interior.contains(false))")
  try lossSum.backward()
  values("D12 after backward", "w.grad, b.grad", [w.grad?.scalars.first ?? .nan, b.grad?.scalars.first ?? .nan], [-28, -18])
  fact("D12", "x.grad, y.grad", "nil nil", "\(data.grad == nil ? "nil" : "set") \(target.grad == nil ? "nil" : "set")")
  values("D12", "loss.grad with retainGrad()", loss.grad?.scalars, [-8, -10])
  fact("D12", "loss2.grad without retainGrad()", "nil", loss2.grad == nil ? "nil" : "set")

  fact("D13", "only floating-point types can be tensor elements (Int is an ADScalar)", "false", "\(Int.self is any ADScalar.Type)")

  // E: a one-layer logistic model and noGrad.
  let input = try Tensor<Double>.ones([5]), labels = try Tensor<Double>.zeros([3])
  let weights = try Tensor<Double>.randn([5, 3], seed: 14, requiresGrad: true)
  let bias = try Tensor<Double>.randn([3], seed: 15, requiresGrad: true)
  let logits = try matmul(input, weights) + bias
  let bce = try binaryCrossEntropyWithLogits(logits, labels)
  fact("E14 z = matmul(x, w) + b", "z.gradFn, loss.gradFn", "AddBackward0 BinaryCrossEntropyWithLogitsBackward0",
       "\(logits.gradFn?.name ?? "nil") \(bce.gradFn?.name ?? "nil")")
  try bce.backward()
  // σ(z) by hand, from the logits' values: (σ(z) − y)/3 with y = 0.
  let expectedBias = logits.scalars.map { 1 / (1 + Foundation.exp(-$0)) / 3 }
  values("E14", "b.grad = (σ(z) − y)/3", bias.grad?.scalars, expectedBias)
  for row in 0..<5 {
    values("E14", "row \(row) of w.grad = b.grad", weights.grad.map { Array($0.scalars[(3 * row)..<(3 * row + 3)]) }, expectedBias)
  }
  let frozen: String
  do {
    frozen = "\(try noGrad { try matmul(input, weights) + bias }.requiresGrad)"
  } catch {
    frozen = "error: \(error)"
  }
  fact("E14", "z inside noGrad requires grad", "false", frozen)
  return rows
}
