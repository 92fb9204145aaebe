import _Differentiation
import GradientCheck

// Swift's built-in AD trusts every registered `@derivative(of:)`. These checks compare what
// `valueWithPullback` returns (the registered pullbacks, composed by the compiler) with GSL's
// numerical derivative of the plain function, in GradientCheck's report and tolerance.
// Swift's forward mode is not available, so the check is the VJP's (reverse mode) only.

/// A scalar whose tangent is itself (`Double`, `Float`): the element types the checks accept.
public typealias AuditableScalar = BinaryFloatingPoint & Differentiable

/// Checks the derivative Swift's AD computes for f: ℝ → ℝ against GSL.
///
/// ```swift
/// let report = try checkSwiftDerivative(of: { (x: Double) in exp(x) * sin(x) }, at: 0.7)
/// #expect(report.passed, "\(report)")
/// ```
/// - Parameter tolerance: nil for ``GradientCheckTolerance/double`` with `Double`,
///   ``GradientCheckTolerance/float`` with `Float`.
public func checkSwiftDerivative<T: AuditableScalar>(
  of f: @escaping @differentiable(reverse) (T) -> T, at x: T, name: String = "function",
  tolerance: GradientCheckTolerance? = nil
) throws(GradientCheckError) -> GradientCheckReport where T.TangentVector == T {
  try checkGradients(
    name: name, at: [Double(x)], value: { p in [Double(f(T(p[0])))] },
    vjp: { p, v in [Double(valueWithPullback(at: T(p[0]), of: f).pullback(T(v[0])))] },
    tolerance: tolerance ?? .default(for: T.self))
}

/// Checks Swift's derivative of f: ℝ² → ℝ, a function of two arguments, at (x, y).
public func checkSwiftDerivative<T: AuditableScalar>(
  of f: @escaping @differentiable(reverse) (T, T) -> T, at x: T, _ y: T, name: String = "function",
  tolerance: GradientCheckTolerance? = nil
) throws(GradientCheckError) -> GradientCheckReport where T.TangentVector == T {
  try checkGradients(
    name: name, at: [Double(x), Double(y)], value: { p in [Double(f(T(p[0]), T(p[1])))] },
    vjp: { p, v in
      let (dx, dy) = valueWithPullback(at: T(p[0]), T(p[1]), of: f).pullback(T(v[0]))
      return [Double(dx), Double(dy)]
    },
    tolerance: tolerance ?? .default(for: T.self))
}

/// Checks Swift's gradient of f: ℝⁿ → ℝ written on arrays (`[Double]` or `[Float]`).
public func checkSwiftDerivative<T: AuditableScalar>(
  of f: @escaping @differentiable(reverse) ([T]) -> T, at x: [T], name: String = "function",
  tolerance: GradientCheckTolerance? = nil
) throws(GradientCheckError) -> GradientCheckReport where T.TangentVector == T {
  try checkGradients(
    name: name, at: x.map { Double($0) }, value: { p in [Double(f(p.map { T($0) }))] },
    vjp: { p, v in
      widen(valueWithPullback(at: p.map { T($0) }, of: f).pullback(T(v[0])), count: p.count)
    },
    tolerance: tolerance ?? .default(for: T.self))
}

/// Checks Swift's Jacobian of f: ℝⁿ → ℝᵐ written on arrays, row by row from its pullback.
public func checkSwiftDerivative<T: AuditableScalar>(
  of f: @escaping @differentiable(reverse) ([T]) -> [T], at x: [T], name: String = "function",
  tolerance: GradientCheckTolerance? = nil
) throws(GradientCheckError) -> GradientCheckReport where T.TangentVector == T {
  try checkGradients(
    name: name, at: x.map { Double($0) }, value: { p in f(p.map { T($0) }).map { Double($0) } },
    vjp: { p, v in
      let cotangent = Array<T>.DifferentiableView(v.map { T($0) })
      return widen(valueWithPullback(at: p.map { T($0) }, of: f).pullback(cotangent), count: p.count)
    },
    tolerance: tolerance ?? .default(for: T.self))
}

/// An array's tangent as n Doubles. Swift's zero tangent of an array is the empty array, which
/// means n zeros; any other length is passed on for the check to report.
private func widen<T: AuditableScalar>(_ tangent: Array<T>.DifferentiableView, count n: Int) -> [Double]
where T.TangentVector == T {
  tangent.base.isEmpty ? [Double](repeating: 0, count: n) : tangent.base.map { Double($0) }
}
