import DualAD

/// The fast check: `count` random direction pairs, then, for each failing pair, bisection over
/// the coordinates of u to the wrong columns, whose entries are checked one by one.
///
/// Cost: per pair one JVP, one VJP and GSL's differences of one scalar function (about 30
/// evaluations of f); per wrong column found, about 2·log₂(n) more such differences.
func fastCheck<F: ADFunction, W: ADScalar>(
  _ f: F, at x: [W], point: [Double], value: [Double], modes: DifferentiationModes, count: Int, seed: UInt64,
  tolerance: GradientCheckTolerance
) throws(GradientCheckError) -> (directions: [DirectionCheck], located: [GradientCheckEntry], taylorPair: (u: [Double], ju: [Double])?) {
  guard count >= 1 else { throw .invalidDirectionCount(count) }
  let m = value.count
  let round = { (v: [Double]) in v.map { Double(W.Primal($0)) } }
  let lift = { (v: [Double]) in v.map { W(W.Primal($0)) } }
  let toDouble = { (v: [W]) in v.map { Double($0.primal) } }
  var generator = SeededGenerator(seed: seed)
  var directions: [DirectionCheck] = []
  var located: [GradientCheckEntry] = []
  var taylorPair: (u: [Double], ju: [Double])?
  // f's round-off bound at the point, its coordinates rounded (as x + t·u is): the same for
  // every direction and column, so computed once.
  let noise = evaluationNoise(of: f, at: point, roundedInputs: true)
  for _ in 0..<count {
    let u = round(scaledDirection(at: point, &generator))
    let v = round(randomDirection(m, &generator))
    var ju: [Double]?, vj: [Double]?
    do throws(DifferentiationError) {
      if modes.contains(.forward) { ju = toDouble(try f.jvp(at: x, tangent: lift(u)).jvp) }
      if modes.contains(.reverse) { vj = toDouble(try f.vjp(at: x, cotangent: lift(v)).vjp) }
    } catch {
      throw .differentiation(error)
    }
    if taylorPair == nil, let ju { taylorPair = (u, ju) }
    var check = try direction(
      f, point: point, u: u, v: v, value: value, forward: ju.map { dot($0, v) }, reverse: vj.map { dot($0, u) },
      noise: noise, tolerance: tolerance)
    if let ju, let vj {
      let identity = adjoint(
        u: u, vjp: vj, jvp: ju, v: v, unitRoundoff: Double(W.Primal.ulpOfOne) / 2,
        condition: adjointCondition(f, at: point, u: u, v: v))
      check.adjoint = identity
      if !identity.passed { check.verdict = .mismatch }
    }
    directions.append(check)
    guard check.verdict == .mismatch, located.isEmpty else { continue }
    // Bisection: a half of u's coordinates fails when vᵀJ restricted to it is wrong.
    var columns: [Int] = []
    func fails(_ range: Range<Int>) throws(GradientCheckError) -> Bool {
      var part = [Double](repeating: 0, count: point.count)
      for j in range { part[j] = u[j] }
      var forward: Double?
      do throws(DifferentiationError) {
        if modes.contains(.forward) { forward = dot(v, toDouble(try f.jvp(at: x, tangent: lift(part)).jvp)) }
      } catch {
        throw .differentiation(error)
      }
      let restricted = try direction(
        f, point: point, u: part, v: v, value: value, forward: forward, reverse: vj.map { dot($0, part) },
        noise: noise, tolerance: tolerance)
      return restricted.verdict == .mismatch
    }
    func locate(_ range: Range<Int>) throws(GradientCheckError) {
      guard columns.count < maximumLocatedColumns else { return }
      if range.count == 1 {
        columns.append(range.lowerBound)
        return
      }
      let middle = range.lowerBound + range.count / 2
      for half in [range.lowerBound..<middle, middle..<range.upperBound] where try fails(half) {
        try locate(half)
      }
    }
    try locate(0..<point.count)
    for j in columns {
      located += try columnEntries(
        f, at: x, point: point, value: value, input: j, modes: modes, noise: noise, tolerance: tolerance)
        .filter { $0.verdict == .mismatch }
    }
  }
  return (directions, located, taylorPair)
}

/// The wrong columns bisection looks for at most: enough to show the pattern of a bug.
let maximumLocatedColumns = 8
/// Reverse-mode entries of a located column take one VJP per output; beyond this many outputs
/// only forward mode is shown there.
let maximumReverseRows = 256

/// GSL's derivative of t ↦ vᵀf(x + t·u) at 0 against the automatic values of vᵀJu.
private func direction<F: ADFunction>(
  _ f: F, point: [Double], u: [Double], v: [Double], value: [Double], forward: Double?, reverse: Double?,
  noise: [Double], tolerance: GradientCheckTolerance
) throws(GradientCheckError) -> DirectionCheck {
  var changed: (t: Double, count: Int)?
  let partial: NumericalPartial
  do {
    // The noise of vᵀf(x + t·u): Σ |vᵢ|·δᵢ.
    let directionNoise = zip(noise, v).map { $0 * Swift.abs($1) }.reduce(0, +)
    partial = try numericalJacobian(at: [0], oneSided: true, noise: [directionNoise]) { t in
      let y: [Double] = f(zip(point, u).map { $0 + t[0] * $1 })
      guard y.count == value.count else {
        if changed == nil { changed = (t[0], y.count) }
        return []
      }
      return [dot(y, v)]
    }.entries[0][0]
  } catch .outputLengthChanged {
    let t = changed?.t ?? 0
    throw .outputLengthChanged(expected: value.count, got: changed?.count ?? 0, point: zip(point, u).map { $0 + t * $1 })
  }
  let e = entry(
    output: 0, input: 0, partial: partial, forward: forward, reverse: reverse, value: dot(value, v), tolerance: tolerance)
  return DirectionCheck(
    forward: forward, reverse: reverse, numerical: partial.value, abserr: partial.abserr, absoluteError: e.absoluteError,
    allowedError: e.allowedError, oneSided: e.oneSided, adjoint: nil, verdict: e.verdict)
}

/// Every entry of column j, checked as in a full check.
private func columnEntries<F: ADFunction, W: ADScalar>(
  _ f: F, at x: [W], point: [Double], value: [Double], input j: Int, modes: DifferentiationModes,
  noise: [Double], tolerance: GradientCheckTolerance
) throws(GradientCheckError) -> [GradientCheckEntry] {
  let m = value.count, n = point.count
  let partials = try numericalColumn(at: point, input: j, outputs: m, oneSided: true, noise: noise) { f($0) }
  var forward: [Double]?, reverse: [Double]?
  do throws(DifferentiationError) {
    if modes.contains(.forward) {
      forward = try f.jvp(at: x, tangent: unit(j, n).map { W(W.Primal($0)) }).jvp.map { Double($0.primal) }
    }
    if modes.contains(.reverse), m <= maximumReverseRows {
      reverse = try (0..<m).map { i throws(DifferentiationError) in
        Double(try f.vjp(at: x, cotangent: unit(i, m).map { W(W.Primal($0)) }).vjp[j].primal)
      }
    }
  } catch {
    throw .differentiation(error)
  }
  return partials.enumerated().map { i, partial in
    entry(
      output: i, input: j, partial: partial, forward: forward?[i], reverse: reverse?[i], value: value[i],
      tolerance: tolerance)
  }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}
