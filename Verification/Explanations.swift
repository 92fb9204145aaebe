import DualAD
import DualADTensor
import Foundation

/// Why PyTorch's `backward` returns what it returns, with every number computed here and now.
func explanations(style: Style) throws(DifferentiationError) -> String {
  var out: [String] = []
  func say(_ s: String = "") { out.append(s) }
  let identity: ([Variable<Double>]) -> [Variable<Double>] = { $0 }
  let square: ([Variable<Double>]) -> [Variable<Double>] = { $0.map { $0 * $0 } }

  say(style.bold("Why y = z; y.backward(z) returns z"))
  let z = linspace(-1, 1, steps: 5)
  say("  z = linspace(-1, 1, steps: 5) = \(vector(z))")
  say("  forward mode, one pass per input column eⱼ, gives the Jacobian of y = z:")
  say(matrix(try forwardJacobian(at: z, of: { $0 })))
  say("  reverse mode, one sweep per one-hot cotangent eᵢ, gives the same matrix row by row:")
  say(matrix(try reverseJacobian(at: z, of: identity)))
  let identityVJP = try vjp(at: z, cotangent: z, of: identity).vjp
  say("  backward(v) computes vᵀJ. With J = I and v = z: vᵀI = \(vector(identityVJP)) = z, not ones.")
  say()

  say(style.bold("Why sum(z).backward() gives ones"))
  let sumJacobian = try forwardJacobian(at: z, of: { [$0.reduce(0, +)] })
  say("  the Jacobian of sum is one row: \(vector(sumJacobian.first ?? []))")
  let sumVJP = try vjp(at: z, cotangent: [1], of: { [$0.reduce(0, +)] }).vjp
  say("  backward() on a scalar uses v = [1]: vᵀJ = \(vector(sumVJP))")
  let sumSquares = try vjp(at: z, cotangent: [1], of: { [$0.reduce(0) { $0 + $1 * $1 }] }).vjp
  say("  sum(z^2).backward() = 2z = \(vector(sumSquares))")
  say()

  say(style.bold("The cotangent weights each output: y = x*x"))
  let x = [1.0, 5, 6, 10, 16]
  let squareJacobian = try reverseJacobian(at: x, of: square)
  say("  x = \(vector(x)); J = diag(2x), diagonal \(vector(squareJacobian.indices.map { squareJacobian[$0][$0] }))")
  let ones = [Double](repeating: 1, count: 5)
  say("  backward(ones(5))               = \(vector(try vjp(at: x, cotangent: ones, of: square).vjp))")
  let weights = [1, 0.1, 0.1, 0.5, 0.1]
  say("  backward(\(vector(weights))) = \(vector(try vjp(at: x, cotangent: weights, of: square).vjp))  (vᵢ·2xᵢ)")
  say()

  say(style.bold("retainGraph: three backward calls on one graph accumulate into x.grad"))
  let tape = Tape<Double>()
  var grad = [Double](repeating: 0, count: 5)
  try withExtendedLifetime(tape) { () throws(DifferentiationError) in
    let inputs = tape.variables(x)
    let y = inputs.map { $0 * $0 }
    say("  recorded once: \(tape.nodeCount) tape nodes; each call sweeps the same tape")
    for v in [ones, [Double](repeating: 0.1, count: 5), [0.5, 0.1, 0.1, 0.1, 0.2]] {
      let contribution = try tape.pullback(of: y, cotangent: v, withRespectTo: inputs)
      grad = zip(grad, contribution).map(+)
      say("  backward(\(vector(v)), retainGraph: true) adds \(vector(contribution)) → x.grad = \(vector(grad))")
    }
  }
  say()

  say(style.bold("z.grad / z for y = z^2 seeded with z"))
  let z15 = linspace(1, 5, steps: 5)
  let seeded = try vjp(at: z15, cotangent: z15, of: square).vjp
  say("  z = \(vector(z15)); y.backward(z): z.grad = z ⊙ 2z = \(vector(seeded))")
  say("  z.grad / z = \(vector(zip(seeded, z15).map(/))) = 2z, the true derivative")
  return out.joined(separator: "\n")
}
