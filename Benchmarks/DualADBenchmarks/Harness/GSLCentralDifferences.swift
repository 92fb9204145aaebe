import CGSL

/// The gradient by GSL's `gsl_deriv_central`, one call per coordinate: the 5-point rule
/// evaluates f at x ± h and x ± h/2 (4 evaluations), and again at a refined step when its
/// round-off estimate is below its truncation estimate (8 in all). h = 10⁻³·max(|xⱼ|, 1).
final class GSLCentralDifferences {
  let function: ([Double]) -> Double
  var point: [Double] = []
  var coordinate = 0
  /// Evaluations of f by the last gradient.
  private(set) var evaluations = 0

  init(_ function: @escaping ([Double]) -> Double) { self.function = function }

  func evaluate(at t: Double) -> Double {
    evaluations += 1
    point[coordinate] = t
    return function(point)
  }

  func gradient(at x: [Double]) -> [Double] {
    point = x
    evaluations = 0
    var gradient = [Double](repeating: 0, count: x.count)
    withExtendedLifetime(self) {
      var f = gsl_function(
        function: { t, params in
          guard let params else { return .nan }
          return Unmanaged<GSLCentralDifferences>.fromOpaque(params).takeUnretainedValue().evaluate(at: t)
        },
        params: Unmanaged.passUnretained(self).toOpaque())
      for j in x.indices {
        coordinate = j
        var result = 0.0, abserr = 0.0
        _ = gsl_deriv_central(&f, x[j], 1e-3 * Swift.max(Swift.abs(x[j]), 1), &result, &abserr)
        point[j] = x[j]
        gradient[j] = result
      }
    }
    return gradient
  }
}
