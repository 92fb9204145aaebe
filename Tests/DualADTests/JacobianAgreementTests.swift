import Foundation
import Testing
import DualAD

private let sqrt3 = Foundation.sqrt(3.0)
private func sigma(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
private func softmax(_ x: [Double]) -> [Double] {
  let m = x.max()!
  let e = x.map { Foundation.exp($0 - m) }
  let s = e.reduce(0, +)
  return e.map { $0 / s }
}
private let softmax123 = softmax([1, 2, 3])
private let expSin = Foundation.exp(Foundation.sin(0.5) * 2)

/// Closed-form Jacobians, each worked out by hand in its comment or in the expression.
let handDifferentiated: [HandDifferentiated] = [
  .init(name: "x*x (SEEDS A)", point: [1, 5, 6, 10, 16], function: Square(),
        jacobian: (0..<5).map { i in (0..<5).map { j in i == j ? 2 * [1.0, 5, 6, 10, 16][i] : 0 } }),
  .init(name: "identity y = z (SEEDS C7, C11)", point: [-1, -0.5, 0, 0.5, 1], function: Identity(),
        jacobian: (0..<5).map { i in (0..<5).map { j in i == j ? 1 : 0 } }),
  .init(name: "sum(z) (SEEDS C9)", point: [-1, -0.5, 0, 0.5, 1], function: Sum(), jacobian: [[1, 1, 1, 1, 1]]),
  .init(name: "sum(z^2) (SEEDS C10)", point: [-1, -0.5, 0, 0.5, 1], function: SumOfSquares(), jacobian: [[-2, -1, 0, 1, 2]]),
  // L = Σ(w·xᵢ + b − yᵢ)², residuals −4, −5: ∂w = Σ2rᵢxᵢ = −28, ∂b = Σ2rᵢ = −18, ∂xᵢ = 2rᵢw, ∂yᵢ = −2rᵢ.
  .init(name: "linear regression (SEEDS D12)", point: [1, 0, 1, 2, 5, 7], function: LinearRegressionLoss(),
        jacobian: [[-28, -18, -8, -10, 8, 10]]),
  .init(name: "Rosenbrock", point: [1, 2, 3], function: Rosenbrock(), jacobian: [[-400, 1002, -200]]),
  .init(name: "polar to Cartesian", point: [2, Double.pi / 6], function: Polar(),
        jacobian: [[sqrt3 / 2, -1], [0.5, sqrt3]]),
  // ∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ)
  .init(name: "softmax", point: [1, 2, 3], function: Softmax(),
        jacobian: (0..<3).map { i in (0..<3).map { j in softmax123[i] * ((i == j ? 1 : 0) - softmax123[j]) } }),
  .init(name: "logsumexp at 1000", point: [1000, 1001, 999], function: LogSumExp(),
        jacobian: [softmax([1000, 1001, 999])]),
  // ∂(x/‖x‖)/∂x = (I − uuᵀ)/‖x‖ with u = (0.6, 0.8), ‖x‖ = 5
  .init(name: "normalise", point: [3, 4], function: Normalise(), jacobian: [[0.128, -0.096], [-0.096, 0.072]]),
  .init(name: "prod with a zero", point: [2, 3, 0, 5], function: ProductOfAll(), jacobian: [[0, 0, 30, 0]]),
  // c = a × b: ∂c/∂a = −[b]×, ∂c/∂b = [a]×, a = (1, 2, 3), b = (4, 5, 6)
  .init(name: "cross product", point: [1, 2, 3, 4, 5, 6], function: CrossProduct(),
        jacobian: [[0, 6, -5, 0, -3, 2], [-6, 0, 4, 3, 0, -1], [5, -4, 0, -2, 1, 0]]),
  .init(name: "hypot", point: [3, 4], function: Hypot2(), jacobian: [[0.6, 0.8]]),
  .init(name: "atan2", point: [1, 1], function: Atan2(), jacobian: [[0.5, -0.5]]),
  .init(name: "exp(sin(a)·b)", point: [0.5, 2], function: ExpSin(),
        jacobian: [[expSin * Foundation.cos(0.5) * 2, expSin * Foundation.sin(0.5)]]),
  .init(name: "quotients", point: [2, 4], function: Quotient(), jacobian: [[0.25, -0.125], [-1, 0.5]]),
  .init(name: "pow(x, y)", point: [2, 3], function: PowerOfInputs(), jacobian: [[12, 8 * M_LN2]]),
  // z = 2w + b = 0.75, ∂ℓ/∂z = σ(z) − 1
  .init(name: "logistic loss", point: [0.5, -0.25], function: LogisticLoss(),
        jacobian: [[2 * (sigma(0.75) - 1), sigma(0.75) - 1]]),
  .init(name: "tanh layer", point: [0.3, -0.2], function: TanhLayer(),
        jacobian: [
          [1 - Foundation.pow(Foundation.tanh(-0.1), 2), 2 * (1 - Foundation.pow(Foundation.tanh(-0.1), 2))],
          [-(1 - Foundation.pow(Foundation.tanh(-0.4), 2)), 0.5 * (1 - Foundation.pow(Foundation.tanh(-0.4), 2))],
        ]),
  .init(name: "sqrt·log and erf", point: [4, 2], function: SqrtLog(),
        jacobian: [[M_LN2 / 4, 1], [2 / Foundation.sqrt(Double.pi) * Foundation.exp(-4), -2 / Foundation.sqrt(Double.pi) * Foundation.exp(-4)]]),
]

@Suite("Forward and reverse Jacobians")
struct JacobianAgreementTests {
  @Test("Forward, vector-forward and reverse Jacobians equal the closed form", arguments: handDifferentiated)
  func agree(_ c: HandDifferentiated) throws {
    for mode in JacobianMode.allCases {
      let j = try c.function.jacobian(at: c.point, mode: mode)
      #expect(j.count == c.jacobian.count, "\(c.name) \(mode): \(j.count) rows")
      for (row, expected) in zip(j, c.jacobian) {
        #expect(row.count == expected.count)
        for (a, e) in zip(row, expected) {
          #expect(isClose(a, e, ulps: 16, absolute: 1e-15), "\(c.name) \(mode): \(row) vs \(expected)")
        }
      }
    }
  }

  @Test("There are at least 20 hand-differentiated functions")
  func catalogueSize() throws { #expect(handDifferentiated.count >= 20) }

  @Test("Vector mode covers more inputs than its width: a 20-input Jacobian in 3 passes")
  func vectorModeWideInput() throws {
    let x = (0..<20).map { Double($0) / 4 - 2 }
    let j = try Square().jacobian(at: x, mode: .vectorForward)
    for i in 0..<20 {
      for k in 0..<20 { #expect(j[i][k] == (i == k ? 2 * x[i] : 0)) }
    }
  }
}
