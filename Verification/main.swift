import DualAD

// A short demonstration of both modes; the full verification report replaces it.
func rosenbrock<T: ADScalar>(_ x: [T]) -> T {
  var sum: T = 0
  for i in 0..<(x.count - 1) {
    let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
    sum += 100 * a * a + b * b
  }
  return sum
}
let x = [1.0, 2.0, 3.0]
print("Rosenbrock at \(x)")
print("  reverse gradient:", try gradient(at: x, of: rosenbrock))
print("  forward Jacobian:", try forwardJacobian(at: x) { [rosenbrock($0)] })
