import _Differentiation

/// The same function for Swift's built-in differentiation (`@differentiable(reverse)`).
@differentiable(reverse)
func rosenbrockForSwiftAD(_ x: [Double]) -> Double {
  var sum: Double = 0
  for i in 0..<withoutDerivative(at: x.count - 1) {
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    sum += 100 * a * a + b * b
  }
  return sum
}

func rosenbrockGradientBySwiftAD(_ x: [Double]) -> [Double] {
  _Differentiation.gradient(at: x, of: rosenbrockForSwiftAD).base
}
