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
/// - Parameters:
///   - f: the function, written once over `ADScalar`.
///   - x: the point; every coordinate finite, and f finite there.
///   - name: a title for the report; the type's name by default.
///   - modes: ``DifferentiationModes/both`` (default), `.forward` or `.reverse`.
///   - arithmetic: `.double` (default) or `.native`.
///   - tolerance: `nil` for the default of the arithmetic (see ``GradientCheckTolerance``).
///   - seed: the seed of the random u and v of the adjoint identity.
/// - Throws: ``GradientCheckError`` when the check cannot be carried out (empty or non-finite point,
///   f not finite at the point, GSL failure). Wrong derivatives are not an error: see ``GradientCheckReport/passed``.
public func checkGradients<F: ADFunction, V: ADScalar>(
  of f: F,
  at x: [V],
  name: String? = nil,
  modes: DifferentiationModes = .both,
  arithmetic: GradientCheckArithmetic = .double,
  tolerance: GradientCheckTolerance? = nil,
  seed: UInt64 = 0x5EED
) throws(GradientCheckError) -> GradientCheckReport {
  do { try f.checkInputCount(x.count) } catch { throw .differentiation(error) }
  let point = x.map { Double($0.primal) }
  let numerical = try numericalJacobian(at: point) { f($0) }
  let title = name ?? String(describing: F.self)
  switch arithmetic {
  case .double:
    let ad = try differentiate(f, at: point, modes: modes, outputs: numerical.value.count, seed: seed)
    return compare(
      name: title, point: point, numerical: numerical, ad: ad, modes: modes,
      arithmetic: "Double", tolerance: tolerance ?? .double)
  case .native:
    let ad = try differentiate(f, at: x, modes: modes, outputs: numerical.value.count, seed: seed)
    return compare(
      name: title, point: point, numerical: numerical, ad: ad, modes: modes,
      arithmetic: String(describing: V.Primal.self), tolerance: tolerance ?? .default(for: V.Primal.self))
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
///   when a closure returns the wrong number of elements; the errors of ``numericalJacobian(at:of:)``.
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
  let numerical = try numericalJacobian(at: x, of: f)
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
  return compare(
    name: name, point: x, numerical: numerical, ad: ad, modes: modes, arithmetic: "Double", tolerance: tolerance)
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
      // |v|ᵀA|u| with A the Jacobian of absolute partials: what round-off in J can add up to,
      // also where J's own entries cancel to nearly nothing.
      let amplified = f(zip(x, u).map { AbsoluteDual(value: Double($0.primal), tangent: Swift.abs($1)) }).map(\.tangent)
      let condition = zip(amplified, v).map { $0 * Swift.abs($1) }.reduce(0, +)
      result.adjoint = adjoint(
        u: u, vjp: toDouble(vj), jvp: toDouble(ju), v: v, unitRoundoff: Double(W.Primal.ulpOfOne) / 2,
        condition: condition)
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
      let forward = ad.forward.flatMap { element($0, i, j) }
      let reverse = ad.reverse.flatMap { element($0, i, j) }
      let values = [forward, reverse].compactMap { $0 }
      let allowed = tolerance.allowedError(numerical: partial.value, abserr: partial.abserr)
      var entry = GradientCheckEntry(
        output: i, input: j, forward: forward, reverse: reverse, numerical: partial.value,
        abserr: partial.abserr, method: partial.method, absoluteError: .nan, relativeError: .nan,
        allowedError: allowed, verdict: .nonFinite)
      if partial.value.isFinite, !values.isEmpty, values.allSatisfy(\.isFinite) {
        let error = values.map { Swift.abs($0 - partial.value) }.max() ?? 0
        entry.absoluteError = error
        entry.relativeError = error == 0 ? 0 : error / Swift.abs(partial.value)
        entry.verdict = error <= allowed ? .pass : .mismatch
      }
      entries.append(entry)
    }
  }
  return GradientCheckReport(
    name: name, point: point, value: numerical.value, modes: modes, arithmetic: arithmetic,
    tolerance: tolerance, entries: entries, adjoint: ad.adjoint)
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
