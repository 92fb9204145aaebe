import DualAD

// Forward mode on tensors: the same tensor code runs with Dual elements, so every operation
// takes its tangent from the same rule table. Reverse mode: one backward per output row.

extension Tensor {
  /// A tensor of dual numbers xᵢ + ẋᵢε, to run tensor code in forward mode.
  ///
  /// - Throws: ``TensorError/gradientShapeMismatch(gradient:output:)`` when the shapes differ.
  public static func dual<V>(value: Tensor<V>, tangent: Tensor<V>) throws(TensorError) -> Tensor
  where Scalar == Dual<V> {
    guard value.shape == tangent.shape else {
      throw .gradientShapeMismatch(gradient: tangent.shape, output: value.shape)
    }
    let elements = zip(value.scalars, tangent.scalars).map { Dual(value: $0, tangent: $1) }
    return Tensor(storage: elements, shape: value.shape)
  }

  /// The primal values of a dual tensor.
  public func value<V>() -> Tensor<V> where Scalar == Dual<V> {
    Tensor<V>(storage: scalars.map(\.value), shape: shape)
  }

  /// The tangents of a dual tensor: the Jacobian-vector product J·ẋ.
  public func tangent<V>() -> Tensor<V> where Scalar == Dual<V> {
    Tensor<V>(storage: scalars.map(\.tangent), shape: shape)
  }
}

/// The Jacobian Jᵢⱼ = ∂f(x)ᵢ/∂xⱼ of a tensor function by forward mode: column j from one pass
/// of `f` over dual elements seeded with the unit tangent eⱼ. The result has shape
/// `f(x).shape + x.shape` (as PyTorch's `torch.autograd.functional.jacobian`).
///
/// ```swift
/// let z = try Tensor<Double>.linspace(-1, 1, steps: 5)
/// let j = try forwardJacobian(at: z) { z in z }   // the 5×5 identity
/// ```
///
/// - Throws: whatever `f` throws, and the size errors of a creation when the Jacobian exceeds
///   `StorageLimit.bytes` (checked after the first pass, before the columns are kept).
public func forwardJacobian<V: ADScalar>(
  at x: Tensor<V>, of f: (Tensor<Dual<V>>) throws(TensorError) -> Tensor<Dual<V>>
) throws(TensorError) -> Tensor<V> {
  var columns: [[V]] = []
  var outputShape: [Int] = []
  var unit = [V](repeating: 0, count: x.count)
  for j in 0..<x.count {
    unit[j] = 1
    let y = try f(Tensor.dual(value: x, tangent: Tensor(storage: unit, shape: x.shape)))
    unit[j] = 0
    if j == 0 { _ = try Tensor<V>.checkedStorage(of: y.shape + x.shape) }
    columns.append(y.scalars.map(\.tangent))
    outputShape = y.shape
  }
  if x.count == 0 { outputShape = try f(Tensor.dual(value: x, tangent: x)).shape }
  let rows = outputShape.reduce(1, *)
  var jacobian = [V](repeating: 0, count: rows * x.count)
  for (j, column) in columns.enumerated() {
    for i in 0..<min(rows, column.count) { jacobian[i * x.count + j] = column[i] }
  }
  return Tensor(storage: jacobian, shape: outputShape + x.shape)
}

/// The Jacobian Jᵢⱼ = ∂f(x)ᵢ/∂xⱼ of a tensor function by reverse mode: `f` runs once, then row i
/// is the vector-Jacobian product eᵢᵀJ from one `backward(gradient: eᵢ, retainGraph: true)`.
/// The result has shape `f(x).shape + x.shape`; it equals `forwardJacobian(at:of:)`.
///
/// - Throws: whatever `f` throws, and the size errors of a creation when the Jacobian exceeds
///   `StorageLimit.bytes`.
public func reverseJacobian<V: ADScalar>(
  at x: Tensor<V>, of f: (Tensor<V>) throws(TensorError) -> Tensor<V>
) throws(TensorError) -> Tensor<V> {
  let input = Tensor<V>(storage: x.scalars, shape: x.shape, requiresGrad: true)
  let y = try f(input)
  _ = try Tensor<V>.checkedStorage(of: y.shape + x.shape)
  var jacobian = [V](repeating: 0, count: y.count * x.count)
  guard y.requiresGrad else { return Tensor(storage: jacobian, shape: y.shape + x.shape) }
  var unit = [V](repeating: 0, count: y.count)
  for i in 0..<y.count {
    unit[i] = 1
    input.zeroGrad()
    try y.backward(gradient: Tensor(storage: unit, shape: y.shape), retainGraph: true)
    unit[i] = 0
    if let row = input.grad?.scalars {
      for j in 0..<min(row.count, x.count) { jacobian[i * x.count + j] = row[j] }
    }
  }
  return Tensor(storage: jacobian, shape: y.shape + x.shape)
}
