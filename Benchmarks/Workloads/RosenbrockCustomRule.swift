import DualAD

/// One term of Rosenbrock's function, t(u, v) = 100(v − u²)² + (1 − u)², as a custom rule with
/// its partials ∂t/∂u = −400u(v − u²) − 2(1 − u) and ∂t/∂v = 200(v − u²): the benchmark of a
/// custom rule on the tape against the built-in operations it replaces.
public struct RosenbrockTerm: BinaryRule {
  public init() {}
  public var name: String { "rosenbrockTerm" }

  @inlinable
  public func evaluate<T: ADScalar>(_ u: T, _ v: T) -> (value: T, dx: T, dy: T) {
    let a = v - u * u, b = 1 - u
    return (100 * a * a + b * b, -400 * u * a - 2 * b, 200 * a)
  }
}

/// Rosenbrock's function with each term one application of ``RosenbrockTerm`` (scalars in,
/// no arrays).
@inlinable
public func rosenbrockWithCustomRule<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> T {
  var sum: T = 0
  let term = RosenbrockTerm()
  for i in 0..<(x.count - 1) { sum += try term(x[i], x[i + 1]) }
  return sum
}

/// The same with the general, array-based form of the rule (``CustomRule/callAsFunction(_:)-([T])``).
@inlinable
public func rosenbrockWithArrayRule<T: ADScalar>(_ x: [T]) throws(DifferentiationError) -> T {
  var sum: T = 0
  let term = RosenbrockTerm()
  for i in 0..<(x.count - 1) { sum += try term([x[i], x[i + 1]])[0] }
  return sum
}
