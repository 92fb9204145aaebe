import DualAD
import Testing

/// True when every element differs from the expected figure by at most `tolerance` relative
/// to max(1, |expected|).
func tensorClose(_ actual: [Double]?, _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
  guard let actual, actual.count == expected.count else { return false }
  return zip(actual, expected).allSatisfy { a, e in
    a == e || Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e))
  }
}

/// The same for `Float`, with a tolerance fit for single precision.
func tensorClose(_ actual: [Float]?, _ expected: [Double], tolerance: Double = 1e-6) -> Bool {
  tensorClose(actual.map { $0.map(Double.init) }, expected, tolerance: tolerance)
}
