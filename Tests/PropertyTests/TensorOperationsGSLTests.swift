import DualAD
import DualADTensor
import GradientCheck
import Testing

/// The reverse-mode Jacobian of a tensor function of a flat input against GSL's numerical
/// Jacobian, entry by entry, within GradientCheck's Double tolerance
/// (|AD − GSL| ≤ 10·abserr + 10⁻⁹ + 10⁻⁶·|GSL|).
private func agreesWithGSL(
  at x: [Double], _ f: @escaping (Tensor<Double>) throws(TensorError) -> Tensor<Double>
) throws -> Bool {
  let ad = try reverseJacobian(at: Tensor(x), of: f).scalars
  let gsl = try numericalJacobian(at: x) { point in (try? f(Tensor(point)).scalars) ?? [] }
  var agrees = !gsl.entries.isEmpty
  for (i, row) in gsl.entries.enumerated() {
    for (j, entry) in row.enumerated() {
      let allowance = 10 * entry.abserr + 1e-9 + 1e-6 * Swift.abs(entry.value)
      agrees = agrees && Swift.abs(ad[i * x.count + j] - entry.value) <= allowance
    }
  }
  return agrees
}

@Suite("the tensor operations of GMM and the logistic step, against GSL's numerical Jacobian")
struct TensorOperationsGSLTests {
  @Test("bmm: the Jacobian in each operand")
  func batchedMatmul() throws {
    let a = try Tensor<Double>.randn([2, 3, 4], seed: 61), b = try Tensor<Double>.randn([2, 4, 2], seed: 62)
    #expect(try agreesWithGSL(at: a.scalars) { x throws(TensorError) in try bmm(x.reshape([2, 3, 4]), b) })
    #expect(try agreesWithGSL(at: b.scalars) { x throws(TensorError) in try bmm(a, x.reshape([2, 4, 2])) })
  }

  @Test("scatteredToMatrices and gatheredFromMatrices, composed with a product so that the Jacobian is not 0/1")
  func matrixPositions() throws {
    let packed = try Tensor<Double>.randn([2, 3], seed: 63), weights = try Tensor<Double>.randn([2, 3, 3], seed: 64)
    #expect(try agreesWithGSL(at: packed.scalars) { x throws(TensorError) in
      let l = try x.reshape([2, 3]).scatteredToMatrices(size: 3, rows: [1, 2, 2], columns: [0, 0, 1])
      return try bmm(l, weights * l)
    })
    #expect(try agreesWithGSL(at: weights.scalars) { x throws(TensorError) in
      let m = try x.reshape([2, 3, 3])
      return try (m * m).gatheredFromMatrices(rows: [0, 2, 1], columns: [1, 2, 0])
    })
  }

  @Test("BCE-with-logits on Double (the one-pass kernel) in z and in y, logits from −30 to 30")
  func binaryCrossEntropy() throws {
    let z: [Double] = [-30, -5, -1, -0.25, 0, 0.25, 1, 5, 30]
    let y = Tensor<Double>([0, 1, 0.3, 1, 0, 0.7, 1, 0, 1])
    #expect(try agreesWithGSL(at: z) { x throws(TensorError) in try binaryCrossEntropyWithLogits(x, y, reduction: .none) })
    #expect(try agreesWithGSL(at: y.scalars) { x throws(TensorError) in
      try binaryCrossEntropyWithLogits(Tensor(z), x, reduction: .mean)
    })
  }
}
