import DualAD
import DualADTensor
import Foundation
import Testing

/// The CLI, the Tensor API and closed forms on the same inputs: the expression language runs on
/// the tensor kernels, so values and first derivatives agree bit for bit, and all three are exact
/// at extreme logits (z = ±30, ±40, ±800), where softplus(z) − z·t and σ(z)·(1 − σ(z)) lose
/// every digit.
@Suite("dual-ad = Tensor API = closed form")
struct TensorAgreementTests {
  static let logits: [Double] = [30, -30, 40, -40, 800, -800]

  /// What the CLI prints with `--json`: the value and each mode's derivative.
  private struct Output: Decodable {
    struct Mode: Decodable {
      let gradient: [Double]?
      let hessian: [[Double]]?
    }
    let value: [Double]
    let modes: [String: Mode]
  }

  private func cli(_ arguments: [String]) throws -> Output {
    let run = try DualADRunner.run(arguments + ["--json"])
    #expect(run.exitCode == 0, "\(arguments): \(run.stderr)")
    return try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8))
  }

  /// A function of the inputs flattened in `--at` order, in both languages.
  enum Case: CustomStringConvertible, Sendable {
    case softplus(Double)
    case bce(Double, target: Double)
    case logsumexp(Double)
    case logsumexpWithZero(Double)

    var arguments: [String] {
      switch self {
      case .softplus(let z): return ["softplus(z)", "--at", "z=\(z)"]
      case .bce(let z, let t): return ["bce_with_logits(z, t)", "--at", "z=\(z)", "--at", "t=\(t)"]
      case .logsumexp(let z): return ["logsumexp(x)", "--at", "x=\(z),\(-z)"]
      case .logsumexpWithZero(let z): return ["logsumexp(x)", "--at", "x=0,\(z)"]
      }
    }

    var point: [Double] {
      switch self {
      case .softplus(let z): return [z]
      case .bce(let z, let t): return [z, t]
      case .logsumexp(let z): return [z, -z]
      case .logsumexpWithZero(let z): return [0, z]
      }
    }

    /// The same function with the Tensor API, of one vector holding the point.
    func tensor<S: ADScalar>(_ x: Tensor<S>) throws(TensorError) -> Tensor<S> {
      switch self {
      case .softplus: return try x[0].softplus()
      case .bce: return try binaryCrossEntropyWithLogits(try x[0], try x[1])
      case .logsumexp, .logsumexpWithZero: return try x.logsumexp()
      }
    }

    /// Value, gradient and Hessian by hand, with softplus(z) = max(z, 0) + log1p(e^−|z|),
    /// σ(z) = 1/(1 + e^−z) (e^z/(1 + e^z) for z < 0), σ′ = σ(z)·σ(−z):
    /// - softplus: softplus(z), σ(z), σ′(z);
    /// - bce(z, t) = softplus(z) − z·t = softplus(−z) at t = 1: ∇ = (σ(z) − t, −z), with
    ///   σ(z) − 1 = −σ(−z); H = [[σ′(z), −1], [−1, 0]];
    /// - logsumexp(z, −z) = |z| + log1p(e^−2|z|): ∇ = (σ(2z), σ(−2z)), H = σ′(2z)·[[1, −1], [−1, 1]];
    /// - logsumexp(0, z) = softplus(z): ∇ = (σ(−z), σ(z)), H = σ′(z)·[[1, −1], [−1, 1]].
    var closedForm: (value: Double, gradient: [Double], hessian: [[Double]]) {
      func softplus(_ z: Double) -> Double { Swift.max(z, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(z))) }
      func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + Foundation.exp(-z)) : Foundation.exp(z) / (1 + Foundation.exp(z))
      }
      func sigmoidPrime(_ z: Double) -> Double { sigmoid(z) * sigmoid(-z) }
      switch self {
      case .softplus(let z):
        return (softplus(z), [sigmoid(z)], [[sigmoidPrime(z)]])
      case .bce(let z, let t):
        let value = t == 1 ? softplus(-z) : softplus(z) - z * t
        let dz = t == 1 ? -sigmoid(-z) : sigmoid(z) - t
        return (value, [dz, -z], [[sigmoidPrime(z), -1], [-1, 0]])
      case .logsumexp(let z):
        let h = sigmoidPrime(2 * z)
        return (Swift.abs(z) + Foundation.log1p(Foundation.exp(-2 * Swift.abs(z))), [sigmoid(2 * z), sigmoid(-2 * z)], [[h, -h], [-h, h]])
      case .logsumexpWithZero(let z):
        let h = sigmoidPrime(z)
        return (softplus(z), [sigmoid(-z), sigmoid(z)], [[h, -h], [-h, h]])
      }
    }

    var description: String { arguments.joined(separator: " ") }
  }

  static var cases: [Case] {
    logits.flatMap { z -> [Case] in [.softplus(z), .bce(z, target: 1), .bce(z, target: 0), .logsumexp(z), .logsumexpWithZero(z)] }
  }

  /// Within `ulps` units in the last place of `expected` (both zero counts as equal).
  private func close(_ actual: Double, _ expected: Double, ulps: Double = 4) -> Bool {
    actual == expected || Swift.abs(actual - expected) <= ulps * expected.ulp
  }

  private func bitwise(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0 == 0 && $1 == 0) }
  }

  @Test("values and gradients: the CLI's forward and reverse mode equal the Tensor API's bit for bit, and the closed form", arguments: cases)
  func valuesAndGradients(_ c: Case) throws {
    let output = try cli(["gradient"] + c.arguments)
    let x = Tensor<Double>(c.point, requiresGrad: true)
    let y = try c.tensor(x)
    try y.backward()
    let reverse = try #require(x.grad).scalars
    let forward = try forwardJacobian(at: Tensor<Double>(c.point)) { x throws(TensorError) in try c.tensor(x) }.scalars
    let expected = c.closedForm

    #expect(bitwise(output.value, y.scalars), "value: CLI \(output.value), Tensor \(y.scalars)")
    #expect(close(output.value[0], expected.value), "value \(output.value[0]), closed form \(expected.value)")
    let cliForward = try #require(output.modes["forward"]?.gradient)
    let cliReverse = try #require(output.modes["reverse"]?.gradient)
    #expect(bitwise(cliReverse, reverse), "reverse: CLI \(cliReverse), Tensor backward \(reverse)")
    #expect(bitwise(cliForward, forward), "forward: CLI \(cliForward), Tensor forwardJacobian \(forward)")
    for (actual, wanted) in zip(cliReverse, expected.gradient) {
      #expect(close(actual, wanted), "gradient \(cliReverse), closed form \(expected.gradient)")
    }
  }

  @Test("Hessians: the CLI's two modes and the Tensor API's double backward equal the closed form", arguments: cases)
  func hessians(_ c: Case) throws {
    let output = try cli(["hessian"] + c.arguments)
    let x = Tensor<Double>(c.point, requiresGrad: true)
    let g = try gradient(of: try c.tensor(x), withRespectTo: x, createGraph: true)
    var tensorHessian: [[Double]] = []
    for i in 0..<c.point.count {
      let row = try gradients(of: try g[i], withRespectTo: [x], retainGraph: true, allowUnused: true)
      tensorHessian.append(row.first?.scalars ?? Array(repeating: 0, count: c.point.count))
    }
    let expected = c.closedForm.hessian
    for mode in ["forward-over-reverse", "forward-over-forward"] {
      let h = try #require(output.modes[mode]?.hessian)
      #expect(zip(h.joined(), expected.joined()).allSatisfy { close($0, $1) }, "\(mode): \(h), closed form \(expected)")
    }
    #expect(
      zip(tensorHessian.joined(), expected.joined()).allSatisfy { close($0, $1) },
      "Tensor: \(tensorHessian), closed form \(expected)")
  }

  @Test("The issue's numbers: bce_with_logits(30, 1) = log1p(e^−30), ∂/∂z at 40 = σ(40) − 1")
  func issueNumbers() throws {
    // 50-digit references: log1p(e^−30) = 9.35762296883973677…e-14, σ(40) − 1 = −4.24835425529158897…e-18.
    let value = try cli(["gradient", "bce_with_logits(z, t)", "--at", "z=30", "--at", "t=1"])
    #expect(value.value == [9.357622968839737e-14])
    let slope = try cli(["gradient", "bce_with_logits(z, t)", "--at", "z=40", "--at", "t=1"])
    for mode in ["forward", "reverse"] {
      #expect(slope.modes[mode]?.gradient?.first == -4.248354255291589e-18)
    }
  }

  @Test("broadcasting, matmul and a reduction: the CLI and the Tensor API compute the same bits")
  func broadcastingAndMatmul() throws {
    // logsumexp(w·x + b) over w 2×3, x 3, b 2: matmul on BLAS, a broadcast add, a reduction.
    let w: [Double] = [0.5, -1.25, 2, 3.5, 0.125, -0.75], x: [Double] = [1.5, -2, 0.25], b: [Double] = [0.1, -0.3]
    let output = try cli([
      "gradient", "logsumexp(matmul(w, x) + b)", "--at", "w=[[0.5,-1.25,2],[3.5,0.125,-0.75]]",
      "--at", "x=1.5,-2,0.25", "--at", "b=0.1,-0.3",
    ])
    let tw = try Tensor<Double>(shape: [2, 3], scalars: w, requiresGrad: true)
    let tx = Tensor<Double>(x, requiresGrad: true), tb = Tensor<Double>(b, requiresGrad: true)
    let y = try (try tw.matmul(tx) + tb).logsumexp()
    try y.backward()
    let gradient = try #require(tw.grad).scalars + (try #require(tx.grad)).scalars + (try #require(tb.grad)).scalars
    #expect(bitwise(output.value, y.scalars), "CLI \(output.value), Tensor \(y.scalars)")
    #expect(bitwise(try #require(output.modes["reverse"]?.gradient), gradient), "CLI \(output.modes["reverse"]?.gradient ?? []), Tensor \(gradient)")
  }
}
