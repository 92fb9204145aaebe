import DualAD

/// Checks the forward- and reverse-mode Jacobians of a generic function against GSL's numerical
/// differentiation, plus the adjoint identity ⟨u, vᵀJ⟩ = ⟨Ju, v⟩ that ties the two modes together.
///
/// Call it from your own Swift Testing tests:
/// ```swift
/// import DualAD
/// import GradientCheck
/// import Testing
///
/// struct LogSumExp: ADFunction {
///   func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
///     let m = x.max() ?? 0
///     return [m + .log(x.map { .exp($0 - m) }.reduce(0, +))]
///   }
/// }
///
/// @Test func logSumExpGradient() throws {
///   let report = try checkGradients(of: LogSumExp(), at: [1000, 1001, 999] as [Float])
///   #expect(report.passed, "\(report)")
/// }
/// ```
/// A failure prints an aligned table of every entry (forward, reverse, GSL, GSL's error
/// estimate, the errors and a verdict), the worst entry and the adjoint identity.
///
/// GSL evaluates `f` in Double at the point (a Float point converts exactly). By default the
/// automatic derivatives are computed in Double as well (``GradientCheckArithmetic/double``):
/// the same generic code runs through the same rule table, free of Float round-off, so Float
/// code cannot fail falsely. Pass `arithmetic: .native` to differentiate in the point's own
/// type, compared with ``GradientCheckTolerance/float``.
///
/// Beyond GSL's central differences, every check also reports:
/// - **kinks**: GSL's forward and backward differences for every entry; where they disagree
///   beyond their error estimates the entry is a ``GradientCheckVerdict/kink`` when AD lies
///   between them (a valid one-sided derivative or subgradient), a mismatch otherwise;
/// - **determinism**: f is evaluated twice at the point and once after the differences; values
///   that differ beyond ``GradientCheckTolerance/nondeterminism`` fail the check (``DeterminismCheck``);
/// - **the Taylor test**: the residual of J·u along a random u, whose slope does not depend on
///   GSL's step (``TaylorTest``).
///
/// The overall ``GradientCheckReport/verdict`` is passed, failed or inconclusive: a check never
/// passes while an entry could not be compared.
///
/// **Fast mode.** With `directions: k`, the check compares vᵀJu for k random pairs (u, v) three
/// ways (forward, reverse, GSL on t ↦ vᵀf(x + t·u)) instead of every entry: O(k) evaluations of
/// f whatever n is (``DirectionCheck``). A failing pair is bisected over the coordinates of u to
/// the wrong columns, whose entries the report then lists.
///
/// - Parameters:
///   - f: the function, written once over `ADScalar`.
///   - x: the point; every coordinate finite, and f finite there.
///   - name: a title for the report; the type's name by default.
///   - modes: ``DifferentiationModes/both`` (default), `.forward` or `.reverse`.
///   - arithmetic: `.double` (default) or `.native`.
///   - tolerance: `nil` for the default of the arithmetic (see ``GradientCheckTolerance``).
///   - seed: the seed of the random directions (adjoint identity, Taylor test, fast mode).
///   - directions: nil for the full check; k ≥ 1 for the fast check with k direction pairs.
/// - Throws: ``GradientCheckError`` when the check cannot be carried out (empty or non-finite point,
///   f not finite at the point, an output length that changes near the point, GSL failure).
///   Wrong derivatives are not an error: see ``GradientCheckReport/verdict``.
public func checkGradients<F: ADFunction, V: ADScalar>(
  of f: F,
  at x: [V],
  name: String? = nil,
  modes: DifferentiationModes = .both,
  arithmetic: GradientCheckArithmetic = .double,
  tolerance: GradientCheckTolerance? = nil,
  seed: UInt64 = 0x5EED,
  directions: Int? = nil
) throws(GradientCheckError) -> GradientCheckReport {
  do { try f.checkInputCount(x.count) } catch { throw .differentiation(error) }
  let point = x.map { Double($0.primal) }
  let title = name ?? String(describing: F.self)
  switch arithmetic {
  case .double:
    return try check(
      f, at: point, point: point, name: title, modes: modes, arithmetic: "Double", tolerance: tolerance ?? .double,
      seed: seed, directions: directions)
  case .native:
    return try check(
      f, at: x, point: point, name: title, modes: modes, arithmetic: String(describing: V.Primal.self),
      tolerance: tolerance ?? .default(for: V.Primal.self), seed: seed, directions: directions)
  }
}

/// The generic check in arithmetic W: determinism around the full or the fast check, then the Taylor test.
private func check<F: ADFunction, W: ADScalar>(
  _ f: F, at x: [W], point: [Double], name: String, modes: DifferentiationModes, arithmetic: String,
  tolerance: GradientCheckTolerance, seed: UInt64, directions: Int?
) throws(GradientCheckError) -> GradientCheckReport {
  let evaluate = { (p: [Double]) -> [Double] in f(p) }
  try validate(point: point)
  try validate(tolerance)
  if let directions, directions < 1 { throw .invalidDirectionCount(directions) }
  let before = try evaluations(of: evaluate, at: point, count: 2)
  try validate(value: before[0])
  var report: GradientCheckReport
  var taylorPair: (u: [Double], ju: [Double])?
  if let directions {
    let fast = try fastCheck(
      f, at: x, point: point, value: before[0], modes: modes, count: directions, seed: seed, tolerance: tolerance)
    report = GradientCheckReport(
      name: name, point: point, value: before[0], modes: modes, arithmetic: arithmetic, tolerance: tolerance,
      entries: fast.located, adjoint: nil)
    report.directions = fast.directions
    taylorPair = fast.taylorPair
  } else {
    let numerical = try numericalJacobian(
      at: point, oneSided: true, noise: evaluationNoise(of: f, at: point), of: evaluate)
    let ad = try differentiate(f, at: x, modes: modes, outputs: numerical.value.count, seed: seed)
    report = compare(
      name: name, point: point, numerical: numerical, ad: ad, modes: modes, arithmetic: arithmetic, tolerance: tolerance)
    var generator = SeededGenerator(seed: seed ^ taylorSeedSalt)
    let u = scaledDirection(at: point, &generator)
    if let jacobian = ad.forward ?? ad.reverse { taylorPair = (u, jacobian.map { dot($0, u) }) }
  }
  let after = try evaluations(of: evaluate, at: point, count: 1)
  report.determinism = try determinism(before + after, at: point, tolerance: tolerance)
  if let (u, ju) = taylorPair {
    report.taylor = taylorTest(
      of: evaluate, at: point, value: before[0], direction: u, jvp: ju, tolerance: tolerance,
      noise: evaluationNoise(of: f, at: point, roundedInputs: true))
  }
  return report
}

/// Keeps the Taylor test's direction apart from the adjoint identity's.
let taylorSeedSalt: UInt64 = 0x7A71_0A

/// The determinism of evaluations at the point; their output lengths must agree.
func determinism(
  _ values: [[Double]], at point: [Double], tolerance: GradientCheckTolerance
) throws(GradientCheckError) -> DeterminismCheck {
  for y in values where y.count != values[0].count {
    throw .outputLengthChanged(expected: values[0].count, got: y.count, point: point)
  }
  return DeterminismCheck(evaluations: values, allowed: tolerance.nondeterminism)
}

/// A tolerance a check can use: the nondeterminism tolerance 0 or more.
func validate(_ tolerance: GradientCheckTolerance) throws(GradientCheckError) {
  guard tolerance.nondeterminism >= 0 else {
    throw .invalidTolerance(name: "the nondeterminism tolerance", value: tolerance.nondeterminism)
  }
}

/// Checks hand-written derivatives of f: ℝⁿ → ℝᵐ against GSL: a JVP (t ↦ J·t), a VJP (v ↦ vᵀJ), or both.
///
/// The JVP's Jacobian is built column by column from unit tangents and reported as "forward",
/// the VJP's row by row from unit cotangents and reported as "reverse". With both, the adjoint
/// identity is checked too. This is how a derivative written by hand, or from another library,
/// is audited:
/// ```swift
/// let report = try checkGradients(
///   name: "sin", at: [0.7], value: { [Double.sin($0[0])] },
///   jvp: { x, t in [Double.cos(x[0]) * t[0]] })
/// #expect(report.passed, "\(report)")
/// ```
/// - Throws: ``GradientCheckError/nothingToCheck`` without a JVP and a VJP; ``GradientCheckError/lengthMismatch(what:expected:got:)``
///   when a closure returns the wrong number of elements; the errors of ``numericalJacobian(at:oneSided:of:)``.
public func checkGradients(
  name: String = "function",
  at x: [Double],
  value f: ([Double]) -> [Double],
  jvp: (([Double], [Double]) -> [Double])? = nil,
  vjp: (([Double], [Double]) -> [Double])? = nil,
  tolerance: GradientCheckTolerance = .double,
  seed: UInt64 = 0x5EED
) throws(GradientCheckError) -> GradientCheckReport {
  guard jvp != nil || vjp != nil else { throw .nothingToCheck }
  try validate(point: x)
  try validate(tolerance)
  let before = try evaluations(of: f, at: x, count: 2)
  let numerical = try numericalJacobian(at: x, oneSided: true, of: f)
  let m = numerical.value.count, n = x.count
  var ad = ADResults()
  var modes: DifferentiationModes = []
  if let jvp {
    modes.insert(.forward)
    var jacobian = Array(repeating: Array(repeating: 0.0, count: n), count: m)
    for j in 0..<n {
      let column = jvp(x, unit(j, n))
      guard column.count == m else { throw .lengthMismatch(what: "jvp", expected: m, got: column.count) }
      for i in 0..<m { jacobian[i][j] = column[i] }
    }
    ad.forward = jacobian
  }
  if let vjp {
    modes.insert(.reverse)
    var jacobian: [[Double]] = []
    for i in 0..<m {
      let row = vjp(x, unit(i, m))
      guard row.count == n else { throw .lengthMismatch(what: "vjp", expected: n, got: row.count) }
      jacobian.append(row)
    }
    ad.reverse = jacobian
  }
  if let jvp, let vjp {
    var generator = SeededGenerator(seed: seed)
    let u = randomDirection(n, &generator), v = randomDirection(m, &generator)
    ad.adjoint = adjoint(u: u, vjp: vjp(x, v), jvp: jvp(x, u), v: v, unitRoundoff: Double.ulpOfOne / 2)
  }
  var report = compare(
    name: name, point: x, numerical: numerical, ad: ad, modes: modes, arithmetic: "Double", tolerance: tolerance)
  report.determinism = try determinism(before + evaluations(of: f, at: x, count: 1), at: x, tolerance: tolerance)
  var generator = SeededGenerator(seed: seed ^ taylorSeedSalt)
  let u = scaledDirection(at: x, &generator)
  let ju = jvp.map { $0(x, u) } ?? ad.reverse.map { $0.map { dot($0, u) } }
  if let ju, ju.count == m {
    report.taylor = taylorTest(of: f, at: x, value: numerical.value, direction: u, jvp: ju, tolerance: tolerance)
  }
  return report
}

// MARK: - Shared machinery

struct ADResults {
  var forward: [[Double]]?
  var reverse: [[Double]]?
  var adjoint: AdjointCheck?
  var symmetry: SymmetryCheck?
}

/// The AD side in arithmetic W: the Jacobians of the requested modes, and the adjoint identity.
func differentiate<F: ADFunction, W: ADScalar>(
  _ f: F, at x: [W], modes: DifferentiationModes, outputs m: Int, seed: UInt64
) throws(GradientCheckError) -> ADResults {
  let toDouble = { (row: [W]) in row.map { Double($0.primal) } }
  var result = ADResults()
  do {
    if modes.contains(.forward) { result.forward = try f.jacobian(at: x, mode: .forward).map(toDouble) }
    if modes.contains(.reverse) { result.reverse = try f.jacobian(at: x, mode: .reverse).map(toDouble) }
    if modes.contains(.both) {
      var generator = SeededGenerator(seed: seed)
      // Rounded to W first, so that both sides of the identity use exactly the same u and v.
      let u = randomDirection(x.count, &generator).map { Double(W.Primal($0)) }
      let v = randomDirection(m, &generator).map { Double(W.Primal($0)) }
      let ju = try f.jvp(at: x, tangent: u.map { W(W.Primal($0)) }).jvp
      let vj = try f.vjp(at: x, cotangent: v.map { W(W.Primal($0)) }).vjp
      result.adjoint = adjoint(
        u: u, vjp: toDouble(vj), jvp: toDouble(ju), v: v, unitRoundoff: Double(W.Primal.ulpOfOne) / 2,
        condition: adjointCondition(f, at: x.map { Double($0.primal) }, u: u, v: v))
    }
  } catch {
    throw .differentiation(error)
  }
  return result
}

/// Each entry against its tolerance.
func compare(
  name: String, point: [Double], numerical: NumericalJacobian, ad: ADResults,
  modes: DifferentiationModes, arithmetic: String, tolerance: GradientCheckTolerance
) -> GradientCheckReport {
  var entries: [GradientCheckEntry] = []
  for (i, row) in numerical.entries.enumerated() {
    for (j, partial) in row.enumerated() {
      entries.append(
        entry(
          output: i, input: j, partial: partial, forward: ad.forward.flatMap { element($0, i, j) },
          reverse: ad.reverse.flatMap { element($0, i, j) }, value: numerical.value[i], tolerance: tolerance))
    }
  }
  return GradientCheckReport(
    name: name, point: point, value: numerical.value, modes: modes, arithmetic: arithmetic,
    tolerance: tolerance, entries: entries, adjoint: ad.adjoint)
}

/// One entry's verdict:
/// - `nonFinite` when GSL's estimate or an automatic value is NaN or infinite;
/// - at a kink (GSL's one-sided differences disagree beyond their estimates), `kink` when every
///   automatic value lies between them (within the tolerance), `mismatch` otherwise;
/// - else `mismatch` beyond the tolerance, `undecided` when GSL's estimate is too uncertain to
///   tell, `pass` otherwise.
func entry(
  output i: Int, input j: Int, partial: NumericalPartial, forward: Double?, reverse: Double?, value: Double,
  tolerance: GradientCheckTolerance
) -> GradientCheckEntry {
  let values = [forward, reverse].compactMap { $0 }
  let allowed = tolerance.allowedError(numerical: partial.value, abserr: partial.abserr)
  var entry = GradientCheckEntry(
    output: i, input: j, forward: forward, reverse: reverse, numerical: partial.value,
    abserr: partial.abserr, method: partial.method, absoluteError: .nan, relativeError: .nan,
    allowedError: allowed, verdict: .nonFinite)
  let kink = partial.oneSided.flatMap { $0.isKink(tolerance) ? $0 : nil }
  entry.oneSided = kink
  guard partial.value.isFinite, !values.isEmpty, values.allSatisfy(\.isFinite) else { return entry }
  if let sides = kink {
    let error = values.map(sides.distance).max() ?? 0
    entry.absoluteError = error
    entry.relativeError = error == 0 ? 0 : error / Swift.max(Swift.abs(sides.left), Swift.abs(sides.right))
    entry.allowedError = tolerance.allowedError(
      numerical: Swift.max(Swift.abs(sides.left), Swift.abs(sides.right)), abserr: sides.leftAbserr + sides.rightAbserr)
    entry.verdict = error <= entry.allowedError ? .kink : .mismatch
    return entry
  }
  let error = values.map { Swift.abs($0 - partial.value) }.max() ?? 0
  entry.absoluteError = error
  entry.relativeError = error == 0 ? 0 : error / Swift.abs(partial.value)
  if error > allowed {
    entry.verdict = .mismatch
  } else if tolerance.isUndecidable(
    numerical: partial.value, abserr: partial.abserr, automatic: values.map(Swift.abs).max() ?? 0, value: value)
  {
    entry.verdict = .undecided
  } else {
    entry.verdict = .pass
  }
  return entry
}

/// |v|ᵀA|u| with A the Jacobian of absolute partials (``AbsoluteDual``): what round-off in J can
/// add up to, also where J's own entries cancel to nearly nothing.
func adjointCondition<F: ADFunction>(_ f: F, at x: [Double], u: [Double], v: [Double]) -> Double {
  let amplified = f(zip(x, u).map { AbsoluteDual(value: $0, tangent: Swift.abs($1)) }).map(\.tangent)
  return zip(amplified, v).map { $0 * Swift.abs($1) }.reduce(0, +)
}

/// ⟨u, vᵀJ⟩ against ⟨Ju, v⟩, allowing 10³·ε·(m + n) times the larger of the sum of the magnitudes
/// of the terms and `condition` = |v|ᵀA|u| (see ``AbsoluteDual``): where the entries of J are
/// themselves sums that cancel, their round-off is relative to A, not to J.
func adjoint(
  u: [Double], vjp: [Double], jvp: [Double], v: [Double], unitRoundoff: Double, condition: Double = 0
) -> AdjointCheck {
  let left = zip(u, vjp).map(*), right = zip(jvp, v).map(*)
  let reverseSide = left.reduce(0, +), forwardSide = right.reduce(0, +)
  let terms = left.map(Swift.abs).reduce(0, +) + right.map(Swift.abs).reduce(0, +)
  let scale = condition.isFinite ? Swift.max(terms, 2 * condition) : terms
  let allowed = 1e3 * unitRoundoff * Double(u.count + v.count) * scale + Double.leastNormalMagnitude
  let difference = Swift.abs(reverseSide - forwardSide)
  let finite = reverseSide.isFinite && forwardSide.isFinite
  return AdjointCheck(
    reverseSide: reverseSide, forwardSide: forwardSide, difference: difference, allowed: allowed,
    passed: !finite || difference <= allowed)
}

func randomDirection(_ count: Int, _ generator: inout SeededGenerator) -> [Double] {
  (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
}

func unit(_ k: Int, _ count: Int) -> [Double] {
  var e = [Double](repeating: 0, count: count)
  e[k] = 1
  return e
}

func element(_ matrix: [[Double]], _ i: Int, _ j: Int) -> Double? {
  guard i < matrix.count, j < matrix[i].count else { return nil }
  return matrix[i][j]
}
