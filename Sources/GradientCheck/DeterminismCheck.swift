/// Whether f returns the same values each time it is evaluated at the point (PyTorch's
/// reentrancy check with `nondet_tol`).
///
/// The checker evaluates f(x) twice before GSL's differences and once after them. A function
/// that drifts between calls (a counter, a cache, a random draw) feeds GSL differences of
/// different functions, so its error estimates mean nothing: such a check fails, whatever the
/// entries say.
public struct DeterminismCheck: Sendable, Equatable, Codable {
  /// f(x) at the first evaluation.
  public var first: [Double]
  /// The later evaluation farthest from ``first``.
  public var other: [Double]
  /// Which evaluation ``other`` is: 2 (right after the first) or 3 (after the differences).
  public var evaluation: Int
  /// The output where the two differ most.
  public var output: Int
  /// max |firstᵢ − otherᵢ| (NaN where exactly one of them is NaN).
  public var difference: Double
  /// ``GradientCheckTolerance/nondeterminism``.
  public var allowed: Double
  public var passed: Bool

  /// Compares the later evaluations with the first; their lengths must match (the caller checks).
  init(evaluations: [[Double]], allowed: Double) {
    first = evaluations[0]
    (other, evaluation, output, difference) = (first, 1, 0, 0)
    self.allowed = allowed
    for (k, values) in evaluations.enumerated().dropFirst() {
      for (i, (a, b)) in zip(first, values).enumerated() {
        let d = a == b || (a.isNaN && b.isNaN) ? 0 : Swift.abs(a - b)
        if d > difference || (d.isNaN && !difference.isNaN) {
          (other, evaluation, output, difference) = (values, k + 1, i, d)
        }
      }
    }
    passed = difference <= allowed
  }
}

/// Evaluates f at x `count` times and fails when the output length changes between them.
func evaluations(
  of f: ([Double]) -> [Double], at x: [Double], count: Int
) throws(GradientCheckError) -> [[Double]] {
  var values: [[Double]] = []
  for _ in 0..<count {
    let y = f(x)
    if let expected = values.first?.count, y.count != expected {
      throw .outputLengthChanged(expected: expected, got: y.count, point: x)
    }
    values.append(y)
  }
  return values
}
