import CGSL

/// The Jacobian of f: ℝⁿ → ℝᵐ by GSL's adaptive finite differences, entry by entry, with error estimates.
public struct NumericalJacobian: Sendable, Equatable {
  /// f(x).
  public var value: [Double]
  /// `entries[i][j]` estimates ∂fᵢ/∂xⱼ; rows are outputs, columns inputs.
  public var entries: [[NumericalPartial]]

  /// The estimates alone, as a matrix.
  public var values: [[Double]] { entries.map { $0.map(\.value) } }
}

/// The numerical Jacobian of `f` at `x`, each entry by `gsl_deriv_central`.
///
/// How each entry is computed:
/// - Steps are scaled to the coordinate: h = 10⁻³·s and 10⁻⁵·s for s = |xⱼ| and s = max(|xⱼ|, 1).
///   GSL then refines the step once, to h·(round/(2·trunc))^⅓, which balances its round-off
///   estimate (O(ε/h)) against its truncation estimate (O(h²)). Starting large lets that refinement
///   happen; scaling by |xⱼ| keeps the points inside domains that end at 0 (√x, log x).
/// - Of the candidates whose evaluations were all finite, the one with the smallest `abserr` wins;
///   a step straddling a kink (|x| at 0) has a large `abserr`, so it loses.
/// - When no central difference is finite (f is NaN or infinite on one side, as √x at x = 0),
///   `gsl_deriv_forward` and `gsl_deriv_backward` are tried, with the same steps.
/// - With `oneSided`, the forward and backward differences are taken for every entry as well
///   (``NumericalPartial/oneSided``), each with the steps above and the smallest `abserr`: the
///   gradient check compares them to find kinks. It about doubles the evaluations.
///
/// The function is evaluated in Double, and all outputs at once: one evaluation serves every row.
///
/// `noise`, when given, bounds the round-off of each output near x (``RunningErrorBound``); each
/// estimate's `abserr` then includes what that noise can do to it (``NumericalPartial/evaluationNoise``),
/// both in choosing the step and in the error reported.
///
/// - Throws: ``GradientCheckError`` for an empty, non-finite or output-less point, a GSL failure,
///   or ``GradientCheckError/outputLengthChanged(expected:got:point:)`` when f returns a different
///   number of outputs at a point GSL evaluates.
public func numericalJacobian(
  at x: [Double], oneSided: Bool = false, noise: [Double]? = nil, of f: ([Double]) -> [Double]
) throws(GradientCheckError) -> NumericalJacobian {
  try validate(point: x)
  let value = f(x)
  try validate(value: value)
  var entries = Array(repeating: [NumericalPartial](), count: value.count)
  for j in x.indices {
    let column = try numericalColumn(
      at: x, input: j, outputs: value.count, oneSided: oneSided, noise: noise, of: f)
    for (i, partial) in column.enumerated() {
      entries[i].append(partial)
    }
  }
  return NumericalJacobian(value: value, entries: entries)
}

/// Column j of the numerical Jacobian, ∂f/∂xⱼ, by the rules of ``numericalJacobian(at:oneSided:of:)``.
func numericalColumn(
  at x: [Double], input j: Int, outputs: Int, oneSided: Bool, noise: [Double]? = nil, of f: ([Double]) -> [Double]
) throws(GradientCheckError) -> [NumericalPartial] {
  GSLErrorHandler.ensureOff()
  return try withoutActuallyEscaping(f) { (f) throws(GradientCheckError) -> [NumericalPartial] in
    let column = ColumnEvaluator(function: f, point: x, input: j, outputs: outputs, noise: noise)
    var partials: [NumericalPartial] = []
    for i in 0..<outputs { partials.append(try column.partial(output: i, oneSided: oneSided)) }
    return partials
  }
}

/// A point a check can start from: not empty, every coordinate finite.
func validate(point x: [Double]) throws(GradientCheckError) {
  guard !x.isEmpty else { throw .emptyInput }
  for (j, xj) in x.enumerated() where !xj.isFinite { throw .nonFiniteInput(index: j, value: xj) }
}

/// A value a check can differentiate: at least one output, every output finite.
func validate(value y: [Double]) throws(GradientCheckError) {
  guard !y.isEmpty else { throw .noOutputs }
  for (i, yi) in y.enumerated() where !yi.isFinite { throw .nonFiniteValue(output: i, value: yi) }
}

/// f restricted to one coordinate, t ↦ f(x₁, …, t, …, xₙ), handed to GSL through its `params` pointer.
///
/// GSL asks for one output at a time; evaluations are cached by t, because every row of a column
/// visits the same points. The object lives on the stack frame of one column: no shared state.
private final class ColumnEvaluator {
  let function: ([Double]) -> [Double]
  /// The point with coordinate `input` overwritten by each evaluation; `center` keeps xⱼ itself.
  var point: [Double]
  let center: Double
  let input: Int
  let outputs: Int
  /// Each output's round-off bound near the point, when known.
  let noise: [Double]?
  var output = 0
  var sawNonFinite = false
  /// The points of the current GSL call, in order.
  var visited: [Double] = []
  /// When set, only these points are evaluated (from the cache); any other is NaN.
  var onlyPoints: Set<UInt64>?
  /// The first evaluation whose output length differed from f(x)'s: its t and its length.
  var lengthChange: (t: Double, count: Int)?
  var cache: [UInt64: [Double]] = [:]

  init(function: @escaping ([Double]) -> [Double], point: [Double], input: Int, outputs: Int, noise: [Double]?) {
    self.function = function
    self.noise = noise
    self.point = point
    self.center = point[input]
    self.input = input
    self.outputs = outputs
  }

  func evaluate(at t: Double) -> Double {
    if let onlyPoints {
      guard onlyPoints.contains(t.bitPattern) else { return .nan }
    } else {
      visited.append(t)
    }
    let values: [Double]
    if let cached = cache[t.bitPattern] {
      values = cached
    } else {
      point[input] = t
      values = function(point)
      cache[t.bitPattern] = values
    }
    guard values.count == outputs else {
      if lengthChange == nil { lengthChange = (t, values.count) }
      sawNonFinite = true
      return .nan
    }
    let y = values[output]
    if !y.isFinite { sawNonFinite = true }
    return y
  }

  typealias GSLRule = (UnsafePointer<gsl_function>?, Double, Double, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32

  func partial(output i: Int, oneSided: Bool) throws(GradientCheckError) -> NumericalPartial {
    output = i
    let x = center
    var scales = [Swift.max(Swift.abs(x), 1)]
    if x != 0, Swift.abs(x) < 1 { scales.append(Swift.abs(x)) }
    let steps = scales.flatMap { [1e-3 * $0, 1e-5 * $0] }

    if var result = try best([(.central, gsl_deriv_central)], steps: steps) {
      guard oneSided, let forward = try best([(.forward, gsl_deriv_forward)], steps: steps),
        let backward = try best([(.backward, gsl_deriv_backward)], steps: steps)
      else { return result }
      result.oneSided = OneSidedDerivatives(
        left: backward.value, leftAbserr: backward.abserr, right: forward.value, rightAbserr: forward.abserr)
      return result
    }
    if let sided = try best([(.forward, gsl_deriv_forward), (.backward, gsl_deriv_backward)], steps: steps) {
      return sided
    }
    return NumericalPartial(value: .nan, abserr: .nan, method: .unavailable, step: steps[0])
  }

  /// Of the rules and steps given, the finite estimate with the smallest `abserr`.
  private func best(_ rules: [(NumericalMethod, GSLRule)], steps: [Double]) throws(GradientCheckError) -> NumericalPartial? {
    var best: NumericalPartial?
    for (method, rule) in rules {
      for h in steps {
        guard let estimate = try run(rule, at: center, step: h, method: method) else { continue }
        if best.map({ estimate.abserr < $0.abserr }) ?? true { best = estimate }
      }
    }
    return best
  }

  /// One GSL call; nil when any evaluation was not finite.
  private func run(_ rule: GSLRule, at x: Double, step h: Double, method: NumericalMethod) throws(GradientCheckError) -> NumericalPartial? {
    sawNonFinite = false
    visited = []
    let (status, result, abserr) = call(rule, at: x, step: h)
    if let change = lengthChange {
      var moved = point
      moved[input] = change.t
      throw .outputLengthChanged(expected: outputs, got: change.count, point: moved)
    }
    guard status == 0 else {
      throw .gsl(code: status, message: String(cString: gsl_strerror(status)))
    }
    guard !sawNonFinite, result.isFinite, abserr.isFinite else { return nil }
    var noiseError = 0.0
    if let noise, output < noise.count, noise[output] > 0 {
      let offset = keptOffset(rule, at: x, step: h, result: result)
      noiseError = offset > 0 ? method.noiseGain * noise[output] / offset : .infinity
    }
    return NumericalPartial(
      value: result, abserr: abserr + noiseError, method: method, step: h, evaluationNoise: noiseError)
  }

  /// The smallest |t − xⱼ| among the points the kept result came from.
  ///
  /// GSL's rules evaluate 4 points, then 4 more at a smaller step when their round-off estimate
  /// allows, and keep the refined result only when it looks better. Replaying the call with the
  /// refined points hidden (NaN makes the refinement lose) gives the first result: equal to the
  /// kept one, the first 4 points made it.
  private func keptOffset(_ rule: GSLRule, at x: Double, step h: Double, result: Double) -> Double {
    let all = visited
    var kept = all
    if all.count > 4 {
      let saw = sawNonFinite
      onlyPoints = Set(all.prefix(4).map(\.bitPattern))
      if call(rule, at: x, step: h).result == result { kept = Array(all.prefix(4)) }
      onlyPoints = nil
      sawNonFinite = saw
    }
    return kept.map { Swift.abs($0 - center) }.min() ?? 0
  }

  private func call(_ rule: GSLRule, at x: Double, step h: Double) -> (status: Int32, result: Double, abserr: Double) {
    var result = 0.0, abserr = 0.0
    let status = withExtendedLifetime(self) { () -> Int32 in
      var gslFunction = gsl_function(
        function: { t, params in
          guard let params else { return .nan }
          return Unmanaged<ColumnEvaluator>.fromOpaque(params).takeUnretainedValue().evaluate(at: t)
        },
        params: Unmanaged.passUnretained(self).toOpaque()
      )
      return rule(&gslFunction, x, h, &result, &abserr)
    }
    return (status, result, abserr)
  }
}
