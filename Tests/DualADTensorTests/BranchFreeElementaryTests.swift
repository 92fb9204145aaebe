import DualAD
@testable import DualADTensor
import Foundation
import Testing

/// Distance in units in the last place of the reference value (0 when both are the same
/// number, NaN included; ∞ when only one is finite).
private func ulps(_ actual: Double, _ reference: Double) -> Double {
  if actual == reference || (actual.isNaN && reference.isNaN) { return 0 }
  guard actual.isFinite, reference.isFinite else { return .infinity }
  return Swift.abs(actual - reference) / reference.ulp
}

@Suite("branch-free exp, log1p, softplus and σ: within 1–3 ulp of glibc, and exact at the special values")
struct BranchFreeElementaryTests {
  /// Evenly spread points of a range, from a fixed seed.
  func points(_ range: ClosedRange<Double>, count: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Double.random(in: range, using: &generator) }
  }

  @Test("exp over its whole normal range, and where BCE takes it (−40 … 0)")
  func expAgainstGlibc() {
    let xs = points(-708...709.7, count: 200_000, seed: 1) + points(-40...0, count: 200_000, seed: 2)
      + points(-1e-8...1e-8, count: 10_000, seed: 3)
    let worst = xs.map { ulps(BranchFreeElementary.exp($0), Foundation.exp($0)) }.max() ?? .infinity
    #expect(worst <= 1)
  }

  @Test("log1p on (−1, 1e300], and on [0, 1] where BCE takes it")
  func log1pAgainstGlibc() {
    let xs = points(0...1, count: 200_000, seed: 4) + points(-0.999_999...1, count: 100_000, seed: 5)
      + points(1...1e6, count: 50_000, seed: 6) + points(-1e-12...1e-12, count: 10_000, seed: 7)
      + points(0...700, count: 50_000, seed: 8).map { Foundation.exp($0) }
    let worst = xs.map { ulps(BranchFreeElementary.logOnePlus($0), Foundation.log1p($0)) }.max() ?? .infinity
    #expect(worst <= 1)
  }

  @Test("softplus(−a) and σ(−a) for a ≥ 0 against glibc's log1p(exp(−a)) and e/(1 + e): within 2 and 3 ulp (both sides round e first)")
  func softplusAndSigmoidAgainstGlibc() {
    let a = points(0...50, count: 200_000, seed: 9) + points(0...1e-6, count: 10_000, seed: 10)
      + points(700...746, count: 10_000, seed: 11) + [0, 1e-300, 745.2, 800, .infinity]
    var worst = (softplus: 0.0, sigmoid: 0.0)
    for ai in a {
      let (softplus, sigmoid) = BranchFreeElementary.softplusAndSigmoid(ofMinus: ai)
      let e = Foundation.exp(-ai)
      worst.softplus = Swift.max(worst.softplus, ulps(softplus, Foundation.log1p(e)))
      worst.sigmoid = Swift.max(worst.sigmoid, ulps(sigmoid, e / (1 + e)))
    }
    #expect(worst.softplus <= 2)
    #expect(worst.sigmoid <= 3)
    #expect(BranchFreeElementary.softplusAndSigmoid(ofMinus: 0) == (M_LN2, 0.5))
    #expect(BranchFreeElementary.softplusAndSigmoid(ofMinus: .nan).softplus.isNaN)
  }

  @Test("exp at the special values and the ends of its range")
  func expSpecialValues() {
    #expect(BranchFreeElementary.exp(0) == 1)
    #expect(BranchFreeElementary.exp(-0.0) == 1)
    #expect(BranchFreeElementary.exp(.infinity) == .infinity)
    #expect(BranchFreeElementary.exp(-.infinity) == 0)
    #expect(BranchFreeElementary.exp(.nan).isNaN)
    #expect(BranchFreeElementary.exp(709.79) == .infinity)  // e^709.79 > greatestFiniteMagnitude
    #expect(BranchFreeElementary.exp(-745.2) == 0)  // below half the least subnormal
    #expect(BranchFreeElementary.exp(1e-300) == 1)
    #expect(ulps(BranchFreeElementary.exp(1), M_E) <= 1)
    #expect(ulps(BranchFreeElementary.exp(M_LN2), 2) <= 1)
    // Subnormal results: within one unit of the subnormal spacing.
    for x in [-709.0, -720.0, -740.0, -745.0] {
      #expect(Swift.abs(BranchFreeElementary.exp(x) - Foundation.exp(x)) <= Double.leastNonzeroMagnitude)
    }
  }

  @Test("log1p at the special values")
  func log1pSpecialValues() {
    #expect(BranchFreeElementary.logOnePlus(0) == 0)
    #expect(BranchFreeElementary.logOnePlus(-0.0).sign == .minus)
    #expect(BranchFreeElementary.logOnePlus(-1) == -.infinity)
    #expect(BranchFreeElementary.logOnePlus(-1.5).isNaN)
    #expect(BranchFreeElementary.logOnePlus(.infinity) == .infinity)
    #expect(BranchFreeElementary.logOnePlus(-.infinity).isNaN)
    #expect(BranchFreeElementary.logOnePlus(.nan).isNaN)
    #expect(BranchFreeElementary.logOnePlus(1) == M_LN2)
    // log1p(x) = x − x²/2 + …: exactly x below 2⁻⁵³, and for the least subnormal.
    #expect(BranchFreeElementary.logOnePlus(1e-20) == 1e-20)
    #expect(BranchFreeElementary.logOnePlus(Double.leastNonzeroMagnitude) == Double.leastNonzeroMagnitude)
    #expect(BranchFreeElementary.logOnePlus(Double.greatestFiniteMagnitude) == Foundation.log(Double.greatestFiniteMagnitude))
  }
}
