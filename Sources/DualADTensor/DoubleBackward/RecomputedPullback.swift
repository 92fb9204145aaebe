import DualAD

/// The recorded pullback of a composite operation (BCE-with-logits, logsumexp), whose fast
/// kernel fuses several rules: its value is rebuilt from recorded operations of the same
/// operands, and that is differentiated with `createGraph`, so every derivative of every order
/// comes from the rules of those operations. The rebuilt value only carries the graph; the
/// gradients are what is returned, one per operand (`nil` for one that does not require grad).
func recomputedPullback<Scalar>(
  _ gradient: Tensor<Scalar>, _ operands: [Tensor<Scalar>],
  _ forward: ([Tensor<Scalar>]) throws(TensorError) -> Tensor<Scalar>
) throws(TensorError) -> [Tensor<Scalar>?] {
  let output = try forward(operands)
  // Each distinct operand once: the same tensor passed twice must not get its gradient twice.
  var wanted: [Int] = []
  for (i, operand) in operands.enumerated() where operand.requiresGrad {
    if !operands[..<i].contains(where: { $0 === operand }) { wanted.append(i) }
  }
  guard !wanted.isEmpty, output.requiresGrad else { return operands.map { _ in nil } }
  let found = try gradients(
    of: output, withRespectTo: wanted.map { operands[$0] }, gradient: gradient, retainGraph: true,
    createGraph: true, allowUnused: true)
  var result = [Tensor<Scalar>?](repeating: nil, count: operands.count)
  for (k, i) in wanted.enumerated() where k < found.count { result[i] = found[k] }
  return result
}
