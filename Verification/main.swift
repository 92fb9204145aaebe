import DualAD
func rosen<T: ADScalar>(_ x: [T]) -> T {
  var s: T = 0
  for i in 0..<(x.count - 1) { let a = x[i+1] - x[i]*x[i]; let b = 1 - x[i]; s += 100*a*a + b*b }
  return s
}
print(try gradient(at: [1.0, 2.0, 3.0], of: rosen))
print(try forwardJacobian(at: [1.0, 2.0, 3.0], of: { [rosen($0)] }))
print(derivative(at: 1.0) { x in x * derivative(at: Dual(1.0)) { y in Dual(constant: x) + y } })
print(derivative(at: 800.0, of: Dual.softplus), derivative(at: -800.0, of: Dual.sigmoid))
print(try vjp(at: [1.0, 5, 6, 10, 16], cotangent: [1, 0.1, 0.1, 0.5, 0.1], of: { $0.map { $0 * $0 } }))
print(derivative(at: -2.0, of: { x in Dual.pow(x, 3) }), derivative(at: -2.0, of: { x in Dual.pow(x, Dual(3.0)) }))
print(try gradient(at: [-2.0], of: { x in Variable.pow(x[0], 3.0) }))
print(Double.digamma(1), Double.polygamma(1, 1), Double.polygamma(2, 1), Double.digamma(-0.5))
print(try vectorForwardJacobian(at: [1.0, 2.0, 3.0], of: { [rosen($0), $0[0] * $0[2]] }))
print(try reverseJacobian(at: [1.0, 2.0, 3.0], of: { [rosen($0), $0[0] * $0[2]] }))
