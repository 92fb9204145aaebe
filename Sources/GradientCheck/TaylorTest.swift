import DualAD
import Foundation

/// A second referee that does not depend on GSL's choice of step: how the first-order Taylor
/// residual falls with the step,
///
///     r(h) = ‖f(x + h·u) − f(x) − h·J·u‖₂,   h = 2⁻ᵏ,
///
/// is O(h²) when J·u is right and O(h) when it is wrong. The fitted log–log slope is about 2
/// (or more, where the second derivative along u vanishes) for a right J·u and about 1 for a
/// wrong one. The test passes when the slope is at least 1.5, or when the residual at the
/// smallest fitted step, divided by that step, is within the error the gradient check's
/// tolerance allows J along u anyway, A = rtol·‖J·u‖ + atol·√m·‖u‖₁ (a Float Jacobian is right
/// only to Float precision, so its residual turns linear at small h by design).
///
/// The fit uses the smallest steps whose residuals stand clear of round-off, so both the
/// round-off region (small h) and the region where h is too large (higher-order terms, points
/// outside the domain) are excluded automatically:
/// - a residual is *at round-off* when r(h) ≤ 10·η, where η is f's noise: the larger of
///   10³·ε·(‖f(x + h·u)‖ + ‖f(x)‖ + h‖J·u‖) and the noise of the two evaluations.
///   - For a generic f that is 2‖δ‖₂, with δ f's ``RunningErrorBound`` at the point (its inputs
///     rounded, as x + h·u is). It sees cancellation (1 − σ(x) for large x, whose values come
///     in steps of 10⁻¹⁶) and rounded coordinates (sin near π).
///   - For a closure it is estimated: over the 8 smallest steps where f changed (of those with
///     h ≤ 2⁻²⁰, which cannot reach a kink nearby), the largest second difference
///     ‖2f(x + h·u) − f(x + 2h·u) − f(x)‖ and difference ‖f(x + h·u) − f(x)‖ (neither involves
///     J). There a smooth f changes by round-off or by less than 2⁻²⁹·‖J·u‖, a coarser floor;
/// - of the run of consecutive steps above round-off that ends at the smallest such step, the
///   last 8 local slopes log₂(r(h)/r(h/2)) are taken, and their median is the slope.
/// When no residual stands clear of round-off, J·u is right to working precision: the slope is
/// nil and the test passes.
/// Near a kink (max(x, y) with x close to y) the large steps cross it, so the fitted residuals
/// fall like h; the test still passes when the residual of the next smaller step collapses to
/// below 5 % of the last fitted one (a wrong J·u only halves): on the point's side f is linear
/// and J·u exact.
///
/// u is random (from the check's seed), each coordinate scaled by |xⱼ| (by 1 where xⱼ = 0), so
/// x + h·u stays inside domains that end at 0.
public struct TaylorTest: Sendable, Equatable, Codable {
  /// One step of the test.
  public struct Residual: Sendable, Equatable, Codable {
    /// h = 2⁻ᵏ.
    public var step: Double
    /// r(h); NaN when f is not finite at x + h·u.
    public var residual: Double
    /// Whether this residual entered the fit.
    public var fitted: Bool
  }

  /// Every step tried, largest first.
  public var residuals: [Residual]
  /// The median local slope of the fitted residuals; nil when every residual is at round-off.
  public var slope: Double?
  /// slope ≥ 1.5, or no slope (J·u exact to round-off).
  public var passed: Bool

  /// The steps: h = 2⁻ᵏ for k = 1…36.
  static let exponents = 1...36
  /// The fit's window: the last local slopes of the run.
  static let window = 8
}

/// Runs the Taylor test of f at x along u, with J·u = `ju` from automatic differentiation.
func taylorTest(
  of f: ([Double]) -> [Double], at x: [Double], value fx: [Double], direction u: [Double], jvp ju: [Double],
  tolerance: GradientCheckTolerance, noise evaluationNoise: [Double]? = nil
) -> TaylorTest {
  let norm = { (v: [Double]) in v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
  let normFx = norm(fx), normJu = norm(ju)
  let allowedJ = tolerance.relative * normJu + tolerance.absolute * Double(fx.count).squareRoot() * u.reduce(0) { $0 + Swift.abs($1) }
  var residuals: [TaylorTest.Residual] = []
  var secondDifferences: [Double] = []
  var valueNorms: [Double] = []
  var moved = x
  func at(_ h: Double) -> [Double]? {
    for j in x.indices { moved[j] = x[j] + h * u[j] }
    let y = f(moved)
    return y.count == fx.count && y.allSatisfy(\.isFinite) ? y : nil
  }
  var previous = at(Foundation.pow(2.0, -Double(TaylorTest.exponents.lowerBound - 1)))
  for k in TaylorTest.exponents {
    let h = Foundation.pow(2.0, -Double(k))
    let y = at(h)
    var r = Double.nan, rho = Double.nan
    if let y {
      r = norm((0..<y.count).map { y[$0] - fx[$0] - h * ju[$0] })
      let change = norm((0..<y.count).map { y[$0] - fx[$0] })
      rho = previous.map { p in Swift.max(change, norm((0..<y.count).map { 2 * y[$0] - p[$0] - fx[$0] })) } ?? change
    }
    valueNorms.append(y.map(norm) ?? .nan)
    secondDifferences.append(rho)
    residuals.append(TaylorTest.Residual(step: h, residual: r, fitted: false))
    previous = y
  }
  // The smallest steps where f changed at all: below them an f that comes in steps (1 − σ(x))
  // is flat, and its residual h‖J·u‖ would pass for signal.
  // Only small steps (h ≤ 2⁻²⁰) can measure noise: a large one may cross a kink nearby.
  // The estimate from differences is at least 2⁻²⁹‖J·u‖ for any smooth f: far above the
  // round-off of most, so the bound replaces it where there is one.
  let noise: Double
  if let evaluationNoise {
    noise = 2 * norm(evaluationNoise)
  } else {
    let changes: [Double] = zip(residuals, secondDifferences).filter { $0.step <= 0x1p-20 && $1.isFinite && $1 > 0 }.map(\.1)
    noise = changes.suffix(TaylorTest.window).max() ?? 0
  }
  let clear = residuals.indices.map { k in
    let h = residuals[k].step, r = residuals[k].residual
    let roundOff = Swift.max(1e3 * Double.ulpOfOne * (valueNorms[k] + normFx + h * normJu), noise)
    return r.isFinite && r > 10 * roundOff
  }
  guard let last = clear.lastIndex(of: true) else {
    return TaylorTest(residuals: residuals, slope: nil, passed: true)
  }
  var first = last
  while first > 0, clear[first - 1], last - first < TaylorTest.window { first -= 1 }
  guard first < last else {
    return TaylorTest(residuals: residuals, slope: nil, passed: true)
  }
  for k in first...last { residuals[k].fitted = true }
  let slopes = (first..<last).map { Foundation.log2(residuals[$0].residual / residuals[$0 + 1].residual) }.sorted()
  let middle = slopes.count / 2
  let slope = slopes.count % 2 == 1 ? slopes[middle] : (slopes[middle - 1] + slopes[middle]) / 2
  let linearPart = residuals[last].residual / residuals[last].step
  // Near a kink the large steps cross it and fall like h, then the residual drops to round-off
  // at once: J·u is exact on this side. A wrong J·u keeps falling like h, halving per step.
  let next = last + 1 < residuals.count ? residuals[last + 1].residual : .nan
  let collapsed = next.isFinite && next < 0.05 * residuals[last].residual
  return TaylorTest(residuals: residuals, slope: slope, passed: slope >= 1.5 || linearPart <= allowedJ || collapsed)
}

/// The scale of a perturbation of xⱼ: |xⱼ|, or 1 where xⱼ = 0, so that x + t·u stays inside
/// domains that end at 0 (√x, log x) for |t| < 1.
func perturbationScale(_ xj: Double) -> Double {
  xj == 0 ? 1 : Swift.abs(xj)
}

/// A random direction in [−1, 1]ⁿ scaled coordinate by coordinate by ``perturbationScale(_:)``.
func scaledDirection(at x: [Double], _ generator: inout SeededGenerator) -> [Double] {
  x.map { Double.random(in: -1...1, using: &generator) * perturbationScale($0) }
}
