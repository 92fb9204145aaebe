import DualAD
import DualADTensor
import Foundation
import GradientCheck
import Testing

/// y = x ⊙ eʷ, saving x and eʷ.
private func scaledExp<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
  let e = inputs[1].exp()
  context.saveForBackward(inputs[0], e)
  return try inputs[0] * e
}

/// x ⊙ eʷ with x̄ = ḡ ⊙ eʷ and w̄ = ḡ ⊙ x ⊙ eʷ.
private enum ScaledExp: TensorFunction {
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    try scaledExp(context, inputs)
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    let (x, e) = (context.savedTensors[0], context.savedTensors[1])
    return [try gradient * e, try gradient * x * e]
  }
}

/// The same with a backward that forgets the factor x in w̄.
private enum ForgetfulScaledExp: TensorFunction {
  static func forward<S: ADScalar>(_ context: FunctionContext<S>, _ inputs: [Tensor<S>]) throws(TensorError) -> Tensor<S> {
    try scaledExp(context, inputs)
  }
  static func backward<S: ADScalar>(_ context: FunctionContext<S>, _ gradient: Tensor<S>) throws(TensorError) -> [Tensor<S>?] {
    let e = context.savedTensors[1]
    return [try gradient * e, try gradient * e]
  }
}

/// A tensor custom function audited like a scalar rule: its backward against GSL.
struct TensorFunctionAuditTests {
  @Test("A correct backward passes; one that forgets a factor is caught at the entries of w")
  func audit() throws {
    let f = ScaledExp.flatFunction(inputShapes: [[2], [2]])
    let x: [Double] = [1.5, -2, 0.3, 0.7]
    let good = try checkGradients(name: "ScaledExp", at: x, value: f.value, vjp: f.vjp)
    #expect(good.passed, "\(good)")
    // ∂y₀/∂w₀ = x₀·e^w₀ by hand.
    let entry = try #require(good.entries.first { $0.output == 0 && $0.input == 2 })
    #expect(Swift.abs((entry.reverse ?? 0) - 1.5 * Foundation.exp(0.3)) < 1e-14)
    let wrong = ForgetfulScaledExp.flatFunction(inputShapes: [[2], [2]])
    let bad = try checkGradients(name: "ForgetfulScaledExp", at: x, value: wrong.value, vjp: wrong.vjp)
    #expect(bad.verdict == .failed)
    #expect(Set(bad.mismatches.map(\.input)) == [2, 3])
  }
}
