import DualAD
import DualADTensor
import Foundation
import GradientCheck

/// One Hessian of the catalogue: both Hessian modes against GSL differences of the gradient,
/// and against a closed form where one exists.
struct HessianCase {
  let name: String
  let function: any ADFunction
  let point: [Double]
  /// H(x) by a formula, computed here without AD; nil where there is none.
  var closedForm: [[Double]]?
  /// H(x) by tensor double backward, checked against the closed form too; nil where not run.
  var tensorHessian: (() throws(TensorError) -> [[Double]])?
}

/// The Hessians the verification runs, in report order.
func hessianCatalogue() -> [HessianCase] {
  var cases: [HessianCase] = []
  // Rosenbrock: H is tridiagonal, Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2 (+ 200 for i > 0), Hᵢ,ᵢ₊₁ = −400xᵢ.
  let r = [-1.2, 1, 1.5, 0.8]
  var rosenbrock = [[Double]](repeating: [Double](repeating: 0, count: r.count), count: r.count)
  for i in r.indices {
    if i > 0 { rosenbrock[i][i] += 200 }
    if i + 1 < r.count {
      rosenbrock[i][i] += 1200 * r[i] * r[i] - 400 * r[i + 1] + 2
      rosenbrock[i][i + 1] = -400 * r[i]
      rosenbrock[i + 1][i] = -400 * r[i]
    }
  }
  cases.append(HessianCase(name: "Hessian of Rosenbrock", function: Rosenbrock(), point: r, closedForm: rosenbrock))

  // logsumexp: H = diag(s) − ssᵀ with s = softmax(x), evaluated with the shift by max x.
  let large = [1000.0, 1001, 999]
  let e = large.map { exp($0 - 1001) }
  let s = e.map { $0 / e.reduce(0, +) }
  let logSumExpHessian = s.indices.map { i in s.indices.map { j in (i == j ? s[i] : 0) - s[i] * s[j] } }
  cases.append(HessianCase(
    name: "Hessian of logsumexp at 1000", function: LogSumExp(), point: large, closedForm: logSumExpHessian))

  // Linear regression L(w, b) = Σ (w·xᵢ + b − yᵢ)²: H = 2[[Σx², Σx], [Σx, n]], whatever (w, b).
  let xs = [1.0, 2], ys = [5.0, 7]
  let sx = xs.reduce(0, +), sxx = xs.reduce(0) { $0 + $1 * $1 }
  cases.append(HessianCase(
    name: "Hessian of linear regression", function: LinearRegressionLoss(xs: xs, ys: ys), point: [1, 0],
    closedForm: [[2 * sxx, 2 * sx], [2 * sx, 2 * Double(xs.count)]]))

  // SEEDS E14, the logistic model in b: z = matmul(ones(5), w) + b, y = 0, L = mean BCE(z, y).
  // H = diag(σ(z)(1 − σ(z)))/3; the tensor row i is the gradient in b of (∇L)ᵢ (createGraph).
  let logistic = LogisticLossInB(seed: 14)
  let b = logistic.b.scalars
  let sigma = logistic.offsets.indices.map { 1 / (1 + exp(-(logistic.offsets[$0] + b[$0]))) }
  cases.append(HessianCase(
    name: "Hessian of logistic loss in b (E14)", function: logistic, point: b,
    closedForm: sigma.indices.map { i in sigma.indices.map { j in i == j ? sigma[i] * (1 - sigma[i]) / 3 : 0 } },
    tensorHessian: { () throws(TensorError) in try logistic.tensorHessian() }))

  cases.append(HessianCase(
    name: "Hessian of Gaussian mixture log-likelihood",
    function: GaussianMixtureLogLikelihood(data: [-1.2, 0.3, 2.1, 2.8, -0.5, 1.7]),
    point: [-1, 2, 0, -0.3, 0.4]))
  return cases
}

/// Checks one Hessian: both modes against GSL and for symmetry, then each mode against the closed form.
func run(_ hessianCase: HessianCase) throws(VerificationFailure) -> CaseResult {
  let report: GradientCheckReport
  do {
    report = try checkHessian(of: hessianCase.function, at: hessianCase.point, name: hessianCase.name)
  } catch {
    throw .check(name: hessianCase.name, error)
  }
  var expectations: [ExpectationResult] = []
  if let closedForm = hessianCase.closedForm {
    for mode in HessianMode.allCases {
      let computed: [[Double]]
      do {
        computed = try hessianCase.function.hessian(at: hessianCase.point, mode: mode)
      } catch {
        throw .differentiation(name: hessianCase.name, error)
      }
      let expected = closedForm.flatMap { $0 }, flat = computed.flatMap { $0 }
      let passed = flat.count == expected.count
        && zip(flat, expected).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * Swift.max(1, Swift.abs($1)) }
      expectations.append(ExpectationResult(label: "\(mode.rawValue) H", expected: expected, computed: flat, passed: passed))
    }
    if let tensorHessian = hessianCase.tensorHessian {
      let flat: [Double]
      do {
        flat = try tensorHessian().flatMap { $0 }
      } catch {
        throw .tensor(name: hessianCase.name, error)
      }
      let expected = closedForm.flatMap { $0 }
      let passed = flat.count == expected.count
        && zip(flat, expected).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * Swift.max(1, Swift.abs($1)) }
      expectations.append(ExpectationResult(label: "tensor double backward H", expected: expected, computed: flat, passed: passed))
    }
  }
  return CaseResult(
    name: hessianCase.name, order: 2, outputs: report.inputCount, inputs: report.inputCount,
    maxModeDifference: report.maxModeDifference, maxErrorAgainstGSL: report.maxAbsoluteError,
    worstToleranceRatio: report.worstEntry?.toleranceRatio ?? 0,
    adjointPassed: report.adjoint?.passed ?? true, symmetryPassed: report.symmetry?.passed,
    nonFiniteEntries: report.nonFiniteEntries.count, taylorSlope: report.taylor?.slope,
    expectations: expectations, passed: report.passed && expectations.allSatisfy(\.passed), report: report)
}

/// The loss of SEEDS E14 as a function of b alone: x = ones(5), y = zeros(3), w (5×3) from
/// `randn(seed:)`, z = matmul(x, w) + b, L(b) = mean BCE-with-logits(z, y).
struct LogisticLossInB: ADFunction {
  let x: Tensor<Double>, y: Tensor<Double>, w: Tensor<Double>, b: Tensor<Double>
  /// Σᵢ xᵢwᵢⱼ = the column sums of w, so that zⱼ = offsetⱼ + bⱼ.
  let offsets: [Double]

  init(seed: UInt64) {
    x = (try? Tensor<Double>.ones([5])) ?? []
    y = (try? Tensor<Double>.zeros([3])) ?? []
    w = (try? Tensor<Double>.randn([5, 3], seed: seed)) ?? []
    b = (try? Tensor<Double>.randn([3], seed: seed &+ 27)) ?? []
    let weights = w.scalars, columns = w.shape.last ?? 1
    offsets = (0..<columns).map { j in stride(from: j, to: weights.count, by: columns).reduce(0.0) { $0 + weights[$1] } }
  }

  func callAsFunction<T: ADScalar>(_ b: [T]) -> [T] {
    BCEWithLogits(targets: y.scalars)(zip(offsets, b).map { T.constant($0) + $1 })
  }

  /// The Hessian by tensor double backward: g = ∇L recorded, then row i = ∇(gᵢ).
  func tensorHessian() throws(TensorError) -> [[Double]] {
    let b = try Tensor<Double>(shape: self.b.shape, scalars: self.b.scalars, requiresGrad: true)
    let loss = try binaryCrossEntropyWithLogits(matmul(x, w) + b, y)
    let g = try DualADTensor.gradient(of: loss, withRespectTo: b, createGraph: true)
    return try (0..<b.count).map { i throws(TensorError) in
      try DualADTensor.gradient(of: g[i], withRespectTo: b, retainGraph: true).scalars
    }
  }
}
