import DualAD
import DualADTensor
import Foundation
import Testing

/// A tensor function written once, generic over the element type, so that it runs on `Double`
/// (reverse mode through backward) and on `Dual<Double>` (forward mode).
private func layer<T: ADScalar>(_ z: Tensor<T>) throws(TensorError) -> Tensor<T> {
  let w = try Tensor<T>([[1, -2, 0.5, 3], [0, 1, -1, 2], [0.25, 0, 1, -1]])
  let c = Tensor<T>([0.1, -0.2, 0.3])
  return try (matmul(w, z) + c).sigmoid()
}

@Suite("Forward mode on tensors: the same tensor code over Dual elements, beside reverse mode")
struct TensorForwardModeTests {
  let z = Tensor<Double>([0.5, -1, 2, 0.25])
  let weights: [[Double]] = [[1, -2, 0.5, 3], [0, 1, -1, 2], [0.25, 0, 1, -1]]
  let bias: [Double] = [0.1, -0.2, 0.3]

  /// J = diag(σ′(u))·W with u = Wz + c, by hand.
  var closedFormJacobian: [Double] {
    var result: [Double] = []
    for i in 0..<3 {
      let u = (0..<4).reduce(bias[i]) { $0 + weights[i][$1] * z.scalars[$1] }
      let s = 1 / (1 + Foundation.exp(-u))
      result += weights[i].map { s * (1 - s) * $0 }
    }
    return result
  }

  @Test("σ(Wz + c): forward Jacobian, reverse Jacobian and the closed form agree")
  func jacobiansAgree() throws {
    let forward = try forwardJacobian(at: z, of: layer)
    let reverse = try reverseJacobian(at: z, of: layer)
    #expect(forward.shape == [3, 4])
    #expect(reverse.shape == [3, 4])
    #expect(tensorClose(forward.scalars, closedFormJacobian))
    #expect(tensorClose(reverse.scalars, closedFormJacobian))
  }

  @Test("one dual pass gives J·v; backward(u) gives uᵀJ; ⟨u, Jv⟩ = ⟨Jᵀu, v⟩")
  func jvpAndAdjoint() throws {
    let v = Tensor<Double>([1, 2, -1, 0.5]), u = Tensor<Double>([0.3, -1, 2])
    let out = try layer(Tensor.dual(value: z, tangent: v))
    let jv = out.tangent()
    let j = closedFormJacobian
    let expectedJv = (0..<3).map { i in (0..<4).reduce(0.0) { $0 + j[i * 4 + $1] * v.scalars[$1] } }
    #expect(tensorClose(jv.scalars, expectedJv))
    #expect(tensorClose(out.value().scalars, try layer(z).scalars))

    let leaf = Tensor<Double>(z.scalars, requiresGrad: true)
    try layer(leaf).backward(gradient: u)
    let jtu = try #require(leaf.grad).scalars
    let lhs = zip(u.scalars, jv.scalars).map(*).reduce(0, +)
    let rhs = zip(jtu, v.scalars).map(*).reduce(0, +)
    #expect(Swift.abs(lhs - rhs) < 1e-12)
  }

  @Test("logsumexp along a dimension in both modes: rows of softmax")
  func logsumexpJacobian() throws {
    let x = try Tensor<Double>([[0, 1, 2], [3, 3, 3]])
    func f<T: ADScalar>(_ x: Tensor<T>) throws(TensorError) -> Tensor<T> { try x.logsumexp(dim: 1) }
    let forward = try forwardJacobian(at: x, of: f)
    let reverse = try reverseJacobian(at: x, of: f)
    #expect(forward.shape == [2, 2, 3])
    let e = [1, Foundation.exp(1.0), Foundation.exp(2.0)], s = e.reduce(0, +)
    let expected = e.map { $0 / s } + [0, 0, 0] + [0, 0, 0] + [1.0 / 3, 1.0 / 3, 1.0 / 3]
    #expect(tensorClose(forward.scalars, expected))
    #expect(tensorClose(reverse.scalars, expected))
  }

  @Test("BCE-with-logits through dual elements: the tangent is Σ(σ(z) − y)·ż")
  func bceForward() throws {
    let logits: [Double] = [0, 2, -3], targets: [Double] = [1, 0, 0.5]
    let z = try Tensor<Dual<Double>>.dual(value: Tensor(logits), tangent: Tensor([1, 1, 1]))
    let loss = try binaryCrossEntropyWithLogits(z, Tensor<Dual<Double>>(targets.map { Dual($0) }), reduction: .sum)
    let expected = zip(logits, targets).map { 1 / (1 + Foundation.exp(-$0)) - $1 }.reduce(0, +)
    #expect(tensorClose([try loss.item().tangent], [expected]))
  }
}
