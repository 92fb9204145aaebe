import DualAD

/// An n-dimensional array with PyTorch's autograd: `requiresGrad`, `grad`, `gradFn`, `backward`.
///
/// The scalars are stored contiguously in row-major order; the shape lists the sizes, outermost
/// first, and is empty for a scalar (rank 0). Each operation records one node (``GradFn``) when
/// an input requires grad, never one node per element.
///
/// ```swift
/// let x = Tensor<Double>([1, 5, 6, 10, 16], requiresGrad: true)
/// let y = try x * x
/// try y.backward(gradient: [1, 0.1, 0.1, 0.5, 0.1])   // vᵀJ with J = diag(2x)
/// x.grad!.scalars                                      // [2, 1, 1.2, 10, 3.2]
/// ```
///
/// The element type is any `ADScalar`: `Float` and `Double` (only floating-point types
/// conform, so only floating-point tensors can require grad: PyTorch's rule "Only Tensors of
/// floating point and complex dtype can require gradients" holds by construction), and
/// `Dual<Double>`, which runs the same tensor code in forward mode (see
/// `forwardJacobian(at:of:)`).
///
/// Second derivatives: `backward(createGraph: true)` and
/// ``gradients(of:withRespectTo:gradient:retainGraph:createGraph:allowUnused:)`` record the
/// backward pass itself (PyTorch's `create_graph=True` and `torch.autograd.grad`), so a gradient
/// has a `gradFn` and can be differentiated again. Each recorded pullback multiplies by the rule
/// table's partial computed as a tensor operation, whose own derivative is the next order of the
/// same rule; without `createGraph` the fast kernels run and nothing is recorded.
///
/// ```swift
/// let x = Tensor<Double>([-1.5, 0.5, 2], requiresGrad: true)
/// let g = try gradient(of: x.pow(3).sum(), withRespectTo: x, createGraph: true)  // 3x²
/// try gradient(of: g.sum(), withRespectTo: x).scalars                             // 6x: [-9, 3, 12]
/// ```
///
/// A tensor is a reference, as in PyTorch: `backward()` writes into the `grad` of the leaves
/// that the caller holds. Its scalars never change after creation.
public final class Tensor<Scalar: ADScalar> {
  /// The sizes of the dimensions, outermost first; `[]` for a scalar.
  public let shape: [Int]
  /// The elements in row-major order (the last index varies fastest).
  public let scalars: [Scalar]
  /// Whether gradients are computed for this tensor. Results of operations require grad when
  /// one of their inputs does, unless computed inside `noGrad(_:)`.
  public private(set) var requiresGrad: Bool
  /// The node that computed this tensor, used by `backward`; `nil` for a leaf.
  public let gradFn: GradFn<Scalar>?
  /// True when `retainGrad()` was called on this non-leaf tensor.
  public private(set) var retainsGrad = false
  var storedGrad: Tensor?
  /// True for a gradient computed by a backward that was not recorded, and for what is computed
  /// from one: differentiating it again needs `createGraph: true`, and the error says so.
  let isUnrecordedGradient: Bool

  init(
    storage: [Scalar], shape: [Int], requiresGrad: Bool = false, gradFn: GradFn<Scalar>? = nil,
    isUnrecordedGradient: Bool = false
  ) {
    self.scalars = storage
    self.shape = shape
    self.requiresGrad = requiresGrad
    self.gradFn = gradFn
    self.isUnrecordedGradient = isUnrecordedGradient
  }

  /// A large array goes to ``ReleasedArrays``, for the next kernel output of its length.
  deinit {
    ReleasedArrays.keep(scalars)
  }

  /// A tensor of the given shape holding `scalars` in row-major order.
  ///
  /// - Throws: ``TensorError/elementCountMismatch(shape:count:)`` when the count is not the
  ///   product of the sizes, ``TensorError/negativeDimension(shape:)`` for a negative size.
  public convenience init(shape: [Int], scalars: [Scalar], requiresGrad: Bool = false) throws(TensorError) {
    guard try checkedElementCount(of: shape) == scalars.count else {
      throw .elementCountMismatch(shape: shape, count: scalars.count)
    }
    self.init(storage: scalars, shape: shape, requiresGrad: requiresGrad)
  }

  /// A vector (rank 1).
  public convenience init(_ scalars: [Scalar], requiresGrad: Bool = false) {
    self.init(storage: scalars, shape: [scalars.count], requiresGrad: requiresGrad)
  }

  /// A scalar (rank 0), PyTorch's `torch.tensor(1.0)`.
  public convenience init(_ scalar: Scalar, requiresGrad: Bool = false) {
    self.init(storage: [scalar], shape: [], requiresGrad: requiresGrad)
  }

  /// A matrix (rank 2) from its rows.
  ///
  /// - Throws: ``TensorError/raggedRows(expected:got:row:)`` when the rows differ in length.
  public convenience init(_ rows: [[Scalar]], requiresGrad: Bool = false) throws(TensorError) {
    let columns = rows.first?.count ?? 0
    for (i, row) in rows.enumerated() where row.count != columns {
      throw .raggedRows(expected: columns, got: row.count, row: i)
    }
    self.init(storage: rows.flatMap { $0 }, shape: [rows.count, columns], requiresGrad: requiresGrad)
  }

  /// The number of elements, the product of the sizes (PyTorch's `numel()`).
  public var count: Int { scalars.count }

  /// The number of dimensions (PyTorch's `dim()`).
  public var rank: Int { shape.count }

  /// True for a tensor that no operation recorded: one made by the user, or one that does not
  /// require grad. Only leaves receive `grad` from `backward` (unless `retainGrad()` is used).
  public var isLeaf: Bool { gradFn == nil }

  /// The gradient accumulated by `backward`: Σ over calls of vᵀ·∂output/∂self, in this
  /// tensor's shape. `nil` until a backward reaches this tensor.
  ///
  /// Only leaves that require grad get one. For a non-leaf it stays `nil` unless
  /// ``retainGrad()`` was called before `backward`; PyTorch warns when such a `grad` is read,
  /// here ``gradAccessWarning`` holds that warning instead of printing it.
  public var grad: Tensor? { storedGrad }

  /// PyTorch's warning for reading `grad` of a non-leaf that does not retain it, or `nil`
  /// when reading `grad` is meaningful.
  public var gradAccessWarning: String? {
    guard !isLeaf, !retainsGrad else { return nil }
    return "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute "
      + "won't be populated during backward(). If you indeed want the .grad field to be populated for a "
      + "non-leaf Tensor, use retainGrad() on the non-leaf Tensor (\(gradFn?.name ?? ""))."
  }

  /// Clears the accumulated gradient (PyTorch's `x.grad = None`, `optimizer.zero_grad()`), so
  /// that the next `backward` starts from zero instead of adding to it.
  public func zeroGrad() { storedGrad = nil }

  /// Makes `backward` fill `grad` of this non-leaf tensor too. A no-op on a leaf.
  ///
  /// - Throws: ``TensorError/retainGradWithoutRequiresGrad`` when the tensor does not require grad.
  public func retainGrad() throws(TensorError) {
    guard requiresGrad else { throw .retainGradWithoutRequiresGrad }
    guard let gradFn else { return }
    retainsGrad = true
    gradFn.retainedOutput = self
  }

  /// Turns gradient tracking of a leaf on or off (PyTorch's `requires_grad_()`); returns `self`.
  ///
  /// - Throws: ``TensorError/requiresGradOnNonLeaf`` when called on a non-leaf.
  @discardableResult
  public func setRequiresGrad(_ flag: Bool = true) throws(TensorError) -> Tensor {
    guard isLeaf else {
      if flag { return self }
      throw .requiresGradOnNonLeaf
    }
    requiresGrad = flag
    return self
  }

  /// The same scalars, cut from the graph: a leaf that does not require grad.
  public func detach() -> Tensor {
    Tensor(storage: scalars, shape: shape)
  }

  /// The single element of a one-element tensor (PyTorch's `item()`).
  ///
  /// - Throws: ``TensorError/notOneElement(count:)`` for any other count.
  public func item() throws(TensorError) -> Scalar {
    guard scalars.count == 1, let value = scalars.first else { throw .notOneElement(count: scalars.count) }
    return value
  }

  func accumulateGrad(_ increment: [Scalar]) {
    if let existing = storedGrad {
      storedGrad = Tensor(storage: Kernels.add(existing.scalars, increment), shape: shape, isUnrecordedGradient: true)
    } else {
      storedGrad = Tensor(storage: increment, shape: shape, isUnrecordedGradient: true)
    }
  }

  /// Adds a recorded gradient with a recorded addition, so that `grad` keeps its graph.
  func accumulateGrad(recorded increment: Tensor) throws(TensorError) {
    if let existing = storedGrad {
      storedGrad = try existing + increment
    } else {
      storedGrad = increment
    }
  }
}

extension Tensor: ExpressibleByArrayLiteral {
  /// A vector from a literal: `let v: Tensor<Double> = [1, 0.1, 0.5]`.
  public convenience init(arrayLiteral elements: Scalar...) {
    self.init(elements)
  }
}

extension Tensor: CustomStringConvertible {
  /// PyTorch's layout: `tensor([2.0, 10.0], gradFn: MulBackward0)`, one row per line for matrices.
  public var description: String {
    var text = "tensor(" + Self.nested(scalars[...], shape[...], indent: 8)
    if let gradFn { text += ", gradFn: \(gradFn.name)" } else if requiresGrad { text += ", requiresGrad: true" }
    return text + ")"
  }

  private static func nested(_ values: ArraySlice<Scalar>, _ shape: ArraySlice<Int>, indent: Int) -> String {
    guard let size = shape.first else { return values.first.map { "\($0)" } ?? "" }
    let stride = shape.dropFirst().reduce(1, *)
    var parts: [String] = []
    parts.reserveCapacity(size)
    for i in 0..<size {
      let start = values.startIndex + i * stride
      parts.append(nested(values[start..<(start + stride)], shape.dropFirst(), indent: indent + 1))
    }
    let separator = shape.count > 1 ? ",\n" + String(repeating: " ", count: indent) : ", "
    return "[" + parts.joined(separator: separator) + "]"
  }
}
