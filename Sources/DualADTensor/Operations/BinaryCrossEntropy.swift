import DualAD

/// How a loss combines its per-element values (PyTorch's `reduction`).
public enum LossReduction: String, Sendable, CaseIterable {
  /// The mean over all elements: (1/n)·Σᵢ ℓᵢ.
  case mean
  /// The sum over all elements: Σᵢ ℓᵢ.
  case sum
  /// No reduction: the per-element losses, in the input's shape.
  case none
}

/// Binary cross-entropy on logits (PyTorch's `binary_cross_entropy_with_logits`), node
/// `BinaryCrossEntropyWithLogitsBackward0`:
///
///     ℓᵢ = −[yᵢ·log σ(zᵢ) + (1 − yᵢ)·log(1 − σ(zᵢ))] = max(zᵢ, 0) − zᵢ·yᵢ + log(1 + e^−|zᵢ|)
///
/// It is computed as a sum of two non-negative terms, softplus(−|zᵢ|) + (1 − yᵢ)·zᵢ for zᵢ ≥ 0
/// and softplus(zᵢ) − yᵢ·zᵢ for zᵢ < 0: finite for any logit (z = 100, y = 0 gives ℓ = 100 and ∂ℓ/∂z = 1, where
/// log(1 − σ(100)) would be −∞) and accurate to the last digits even when ℓ is tiny. The
/// gradient is ∂ℓ/∂zᵢ = σ(zᵢ) − yᵢ and ∂ℓ/∂yᵢ = −zᵢ, divided by n for ``LossReduction/mean``.
///
/// - Parameters:
///   - input: the logits z.
///   - target: the labels y, usually in [0, 1], with the shape of `input`.
///   - reduction: `.mean` (default), `.sum` or `.none`.
/// - Throws: ``TensorError/targetShapeMismatch(target:input:)`` when the shapes differ.
public func binaryCrossEntropyWithLogits<Scalar>(
  _ input: Tensor<Scalar>, _ target: Tensor<Scalar>, reduction: LossReduction = .mean
) throws(TensorError) -> Tensor<Scalar> {
  guard input.shape == target.shape else {
    throw .targetShapeMismatch(target: target.shape, input: input.shape)
  }
  let recordsZ = Tensor.recordsGradient(input), recordsY = Tensor.recordsGradient(target)
  let (losses, dz, dy) = Kernels.binaryCrossEntropyWithLogits(
    input.scalars, target.scalars, dz: recordsZ, dy: recordsY)
  let shape = input.shape, n = input.count
  let scale: Scalar = Scalar(reduction == .mean ? 1 / Scalar.Primal(n) : 1)
  let values: [Scalar]
  let outputShape: [Int]
  switch reduction {
  case .none: (values, outputShape) = (losses, shape)
  case .sum: (values, outputShape) = (Kernels.sum(losses, AxisLayout(count: n)), [])
  case .mean: (values, outputShape) = (Kernels.mean(losses, AxisLayout(count: n)), [])
  }
  var saved: [Tensor<Scalar>] = []
  if recordsZ { saved.append(Tensor(storage: dz, shape: shape)) }
  if recordsY { saved.append(Tensor(storage: dy, shape: shape)) }
  return Tensor.result(values, shape: outputShape, inputs: [input, target]) { edges in
    GradFn(
      name: "BinaryCrossEntropyWithLogitsBackward0", inputs: edges, saved: saved, operands: [input, target],
      pullback: { g, saved in
        // ḡ is one number for .mean and .sum (each partial is scaled by it), one per element for .none.
        func chained(_ partials: [Scalar]) -> [Scalar] {
          reduction == .none ? Kernels.multiply(partials, g) : Kernels.scale(partials, by: (g.first ?? 0) * scale)
        }
        var next = saved.makeIterator()
        let gradZ = recordsZ ? next.next().map { chained($0.scalars) } : nil
        let gradY = recordsY ? next.next().map { chained($0.scalars) } : nil
        return [gradZ, gradY]
      },
      recordedPullback: { g, _, operands throws(TensorError) in
        // PyTorch's gradient from recorded operations: ∂ℓ/∂z = σ(z) − y, written
        // (1 − y)·σ(z) − y·σ(−z), two terms without cancellation (σ(40) − 1 keeps its −4.2e-18
        // where σ(40) rounds to 1), and ∂ℓ/∂y = −z; the next orders come from the sigmoid rule.
        guard operands.count == 2 else { return [nil, nil] }
        let (z, y) = (operands[0], operands[1])
        let upstream = reduction == .none ? g : g.axisExpanded(AxisLayout(count: n), scale: scale, to: shape)
        let gradZ = recordsZ ? try ((1 - y) * z.sigmoid() - y * (-z).sigmoid()) * upstream : nil
        let gradY = recordsY ? try -z * upstream : nil
        return [gradZ, gradY]
      })
  }
}
