import BenchmarkWorkloads
import DualAD
import Foundation
import Testing

/// The benchmark's references must be right before its ratios mean anything: the GMM objective
/// against a closed form, its hand-written gradient against forward mode.
struct GaussianMixtureTests {
  @Test func oneComponentInOneDimensionMatchesTheClosedForm() {
    // d = K = N = 1, γ = 1, m = 0: f = −½ log 2π + q − ½ e^{2q}(x − μ)² + ½ e^{2q} + log 2
    // (the log-sum-exps reduce to α + q − ½(e^q(x − μ))² and α; C = −log 2, log Γ₁(1) = 0).
    let (alpha, mu, q, x) = (0.3, 0.2, 0.1, 1.5)
    let problem = GaussianMixtureProblem(dimension: 1, components: 1, points: 1, x: [x], wishartGamma: 1, wishartM: 0, parameters: [alpha, mu, q])
    let expected = -0.5 * log(2 * Double.pi) + q - 0.5 * exp(2 * q) * (x - mu) * (x - mu) + 0.5 * exp(2 * q) + log(2.0)
    #expect(abs(problem.objective([alpha, mu, q]) - expected) < 1e-14)
  }

  @Test func handWrittenGradientMatchesForwardMode() throws {
    let problem = try GaussianMixtureProblem.adbench(dimension: 3, components: 2, points: 4, seed: 9)
    let theta = problem.parameters
    #expect(theta.count == 2 * (1 + 3 + 6))
    let byHand = problem.gradientByHand(theta)
    let forward = try forwardJacobian(at: theta, of: { [problem.objective($0)] })[0]
    for (h, f) in zip(byHand, forward) {
      #expect(abs(h - f) <= 1e-12 * max(abs(f), 1))
    }
  }

  @Test func wishartPriorUsesGammaAndM() throws {
    // With γ = 2 and m = 1 the prior adds γ²e^{2q} − m to ∂/∂q and γ²l to ∂/∂l: compare with forward mode.
    let base = try GaussianMixtureProblem.adbench(dimension: 2, components: 2, points: 3, seed: 4)
    let problem = GaussianMixtureProblem(dimension: 2, components: 2, points: 3, x: base.x, wishartGamma: 2, wishartM: 1, parameters: base.parameters)
    let forward = try forwardJacobian(at: problem.parameters, of: { [problem.objective($0)] })[0]
    for (h, f) in zip(problem.gradientByHand(problem.parameters), forward) {
      #expect(abs(h - f) <= 1e-12 * max(abs(f), 1))
    }
  }
}
