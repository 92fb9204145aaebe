import DualAD

/// Checks the Hessian of a scalar generic function against GSL: the analogue of PyTorch's
/// `gradgradcheck` and JAX's `check_grads(order=2)`.
///
/// The Hessian is the Jacobian of the gradient, Hᵢⱼ = ∂(∇f)ᵢ/∂xⱼ, so GSL differentiates the
/// reverse-mode gradient numerically (``numericalJacobian(at:oneSided:of:)``) and each entry of both
/// Hessian modes is compared with it under the first-order check's tolerance:
///
///     |H − GSL(∇f)| ≤ c·abserr + atol + rtol·|GSL|
///
/// - `modes: .forward` checks forward-over-forward (nested duals), `.reverse` forward-over-reverse
///   (vector duals over the tape); the report shows them as the `forward` and `reverse` values.
/// - ``SymmetryCheck``: Hᵢⱼ = Hⱼᵢ on a Hessian built from one Hessian-vector product per column,
///   which, unlike the two Hessian operators, is not symmetrized.
///
/// As in the first-order check, every entry also gets GSL's one-sided differences of the
/// gradient (kinks), f and ∇f are evaluated three times at the point (``DeterminismCheck``), and
/// the Taylor test runs on the gradient: ‖∇f(x + h·u) − ∇f(x) − h·H·u‖ falls like h².
///
/// A function whose gradient is right but whose second derivative is not (a derivative taken
/// through one Newton step, a partial derivative computed on the primal value) passes
/// ``checkGradients(of:at:name:modes:arithmetic:tolerance:seed:directions:)`` and fails this check.
///
/// ```swift
/// let report = try checkHessian(of: LogSumExp(), at: [1000, 1001, 999])
/// #expect(report.passed, "\(report)")
/// ```
/// - Throws: ``GradientCheckError`` when the check cannot be carried out: an empty or non-finite
///   point, f or ∇f not finite there, or f with other than one output
///   (``GradientCheckError/differentiation(_:)`` with `DifferentiationError.nonScalarOutput(count:)`).
public func checkHessian<F: ADFunction, V: ADScalar>(
  of f: F,
  at x: [V],
  name: String? = nil,
  modes: DifferentiationModes = .both,
  arithmetic: GradientCheckArithmetic = .double,
  tolerance: GradientCheckTolerance? = nil
) throws(GradientCheckError) -> GradientCheckReport {
  do { try f.checkInputCount(x.count) } catch { throw .differentiation(error) }
  let point = x.map { Double($0.primal) }
  let value = try scalarValue(of: f, at: point)
  let gradient = { (p: [Double]) in gradientOrNaN(of: f, at: p) }
  // Each evaluation: f(x) followed by ∇f(x), so that both must repeat.
  let both = { (p: [Double]) in f(p) + gradient(p) }
  let before = try evaluations(of: both, at: point, count: 2)
  let numerical = try numericalJacobian(at: point, oneSided: true, of: gradient)
  let title = name ?? String(describing: F.self)
  let ad: ADResults, label: String, defaultTolerance: GradientCheckTolerance
  switch arithmetic {
  case .double:
    ad = try secondDerivatives(of: f, at: point, modes: modes)
    (label, defaultTolerance) = ("Double", .double)
  case .native:
    ad = try secondDerivatives(of: f, at: x, modes: modes)
    (label, defaultTolerance) = (String(describing: V.Primal.self), .default(for: V.Primal.self))
  }
  let tolerance = tolerance ?? defaultTolerance
  try validate(tolerance)
  var report = compare(
    name: title, point: point, numerical: numerical, ad: ad, modes: modes, arithmetic: label, tolerance: tolerance)
  report.value = [value]
  report.order = 2
  report.symmetry = ad.symmetry
  report.determinism = try determinism(before + evaluations(of: both, at: point, count: 1), at: point, tolerance: tolerance)
  var generator = SeededGenerator(seed: taylorSeedSalt)
  let u = scaledDirection(at: point, &generator)
  if let hessian = ad.reverse ?? ad.forward {
    report.taylor = taylorTest(
      of: gradient, at: point, value: numerical.value, direction: u, jvp: hessian.map { dot($0, u) }, tolerance: tolerance)
  }
  return report
}

/// Checks a hand-written gradient and Hessian-vector product of f: ℝⁿ → ℝ against GSL.
///
/// GSL differentiates the hand-written `gradient` numerically; the Hessian is built column by
/// column from `hessianVectorProduct(x, eⱼ)` and reported as the `reverse` value (the place of
/// forward-over-reverse, which also computes one product per direction). The columns are
/// checked for symmetry as they are, so a cross term written wrong on one side is caught even
/// where GSL's differences are too coarse to see it.
///
/// - Throws: ``GradientCheckError/lengthMismatch(what:expected:got:)`` when a closure returns the
///   wrong number of elements; the errors of ``numericalJacobian(at:oneSided:of:)``.
public func checkHessian(
  name: String = "function",
  at x: [Double],
  value f: ([Double]) -> Double,
  gradient: ([Double]) -> [Double],
  hessianVectorProduct hvp: ([Double], [Double]) -> [Double],
  tolerance: GradientCheckTolerance = .double
) throws(GradientCheckError) -> GradientCheckReport {
  let n = x.count
  try validate(point: x)
  try validate(tolerance)
  let both = { (p: [Double]) in [f(p)] + gradient(p) }
  let before = try evaluations(of: both, at: x, count: 2)
  let numerical = try numericalJacobian(at: x, oneSided: true, of: gradient)
  guard numerical.value.count == n else { throw .lengthMismatch(what: "gradient", expected: n, got: numerical.value.count) }
  var columns: [[Double]] = []
  for j in 0..<n {
    let column = hvp(x, unit(j, n))
    guard column.count == n else { throw .lengthMismatch(what: "hessianVectorProduct", expected: n, got: column.count) }
    columns.append(column)
  }
  let hessian = (0..<n).map { i in columns.map { $0[i] } }
  var report = compare(
    name: name, point: x, numerical: numerical, ad: ADResults(reverse: hessian), modes: .reverse,
    arithmetic: "Double", tolerance: tolerance)
  report.value = [f(x)]
  report.order = 2
  report.symmetry = SymmetryCheck(columns: columns, unitRoundoff: Double.ulpOfOne / 2)
  report.determinism = try determinism(before + evaluations(of: both, at: x, count: 1), at: x, tolerance: tolerance)
  var generator = SeededGenerator(seed: taylorSeedSalt)
  let u = scaledDirection(at: x, &generator)
  let hu = hvp(x, u)
  if hu.count == n {
    report.taylor = taylorTest(of: gradient, at: x, value: numerical.value, direction: u, jvp: hu, tolerance: tolerance)
  }
  return report
}

// MARK: - Second-order machinery

/// f(x), which must be one finite number.
private func scalarValue<F: ADFunction>(of f: F, at x: [Double]) throws(GradientCheckError) -> Double {
  guard !x.isEmpty else { throw .emptyInput }
  for (j, xj) in x.enumerated() where !xj.isFinite { throw .nonFiniteInput(index: j, value: xj) }
  let y = f(x)
  guard y.count == 1 else { throw .differentiation(.nonScalarOutput(count: y.count)) }
  guard y[0].isFinite else { throw .nonFiniteValue(output: 0, value: y[0]) }
  return y[0]
}

/// The reverse-mode gradient, or NaNs where it cannot be taken (GSL then avoids that step);
/// no elements where f has other than one output, so that the change of length is reported.
private func gradientOrNaN<F: ADFunction>(of f: F, at x: [Double]) -> [Double] {
  do {
    return try f.gradient(at: x)
  } catch .nonScalarOutput {
    return []
  } catch {
    return [Double](repeating: .nan, count: x.count)
  }
}

/// Both Hessian modes in arithmetic W, and the symmetry of the Hessian-vector products.
private func secondDerivatives<F: ADFunction, W: ADScalar>(
  of f: F, at x: [W], modes: DifferentiationModes
) throws(GradientCheckError) -> ADResults {
  let toDouble = { (row: [W]) in row.map { Double($0.primal) } }
  var result = ADResults()
  do {
    if modes.contains(.forward) { result.forward = try f.hessian(at: x, mode: .forwardOverForward).map(toDouble) }
    if modes.contains(.reverse) { result.reverse = try f.hessian(at: x, mode: .forwardOverReverse).map(toDouble) }
    var columns: [[Double]] = []
    for j in x.indices {
      let direction = unit(j, x.count).map { W(W.Primal($0)) }
      columns.append(toDouble(try f.hessianVectorProduct(at: x, direction: direction)))
    }
    result.symmetry = SymmetryCheck(columns: columns, unitRoundoff: Double(W.Primal.ulpOfOne) / 2)
  } catch {
    throw .differentiation(error)
  }
  return result
}
