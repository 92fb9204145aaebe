import DualAD

/// A misuse of a ``Tensor``. Where PyTorch has a well-known message for the same mistake,
/// the message uses its words, followed by what to do.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `backward()` without a gradient on an output with more than one element.
  case implicitGradientForNonScalar(shape: [Int])
  /// The gradient passed to `backward(gradient:)` has another shape than the output.
  case gradientShapeMismatch(gradient: [Int], output: [Int])
  /// A second backward through a graph whose saved values were freed by the first.
  case graphFreed(node: String)
  /// A ``TensorFunction``'s backward returned another number of gradients than it has inputs.
  case incorrectGradientCount(node: String, expected: Int, got: Int)
  /// A ``TensorFunction``'s backward returned a gradient whose shape does not sum to its input's.
  case invalidGradient(node: String, index: Int, got: [Int], expected: [Int])
  /// `createGraph` through a ``TensorFunction`` whose backward is not written in tensor operations.
  case backwardNotDifferentiable(node: String)
  /// `backward()` on a tensor that does not require grad.
  case doesNotRequireGrad
  /// Differentiating a gradient (or a value computed from one) that a backward computed without
  /// `createGraph: true`, so that nothing recorded it.
  case backwardNotRecorded
  /// `gradients(of:withRespectTo:)` for an input that does not require grad.
  case inputDoesNotRequireGrad(index: Int)
  /// `gradients(of:withRespectTo:)` for an input that the output does not depend on.
  case unusedInput(index: Int)
  /// `retainGrad()` on a tensor that does not require grad.
  case retainGradWithoutRequiresGrad
  /// `setRequiresGrad(false)` on a tensor that is not a leaf.
  case requiresGradOnNonLeaf
  /// Two shapes that cannot be broadcast together.
  case broadcastMismatch(lhs: [Int], rhs: [Int])
  /// The operands of `matmul` do not fit.
  case matmulMismatch(lhs: [Int], rhs: [Int])
  /// `bmm` of an operand (`batch1` or `batch2`) whose rank is not 3.
  case bmmRank(operand: String, shape: [Int])
  /// `bmm` of operands whose batch sizes or inner sizes differ: `expected` is the first two
  /// sizes of the second operand that would fit.
  case bmmMismatch(expected: [Int], got: [Int])
  /// Values placed at matrix positions (`scatteredToMatrices`) whose last size is not the
  /// number of positions.
  case indexPutShapeMismatch(values: [Int], indexing: [Int])
  /// Position lists (rows, columns) of different lengths.
  case indexShapeMismatch(rows: Int, columns: Int)
  /// The same matrix position listed twice, where each may be written once.
  case duplicatePosition(row: Int, column: Int)
  /// `matmul` of an operand whose rank is not 1 or 2.
  case matmulRank(lhs: [Int], rhs: [Int])
  /// The number of scalars does not fit the shape.
  case elementCountMismatch(shape: [Int], count: Int)
  /// A shape with a negative size.
  case negativeDimension(shape: [Int])
  /// A shape whose number of elements, or of bytes, does not fit in an `Int` (zeros aside).
  case tooManyElements(shape: [Int])
  /// A new tensor whose storage would exceed `StorageLimit.bytes`, the physical memory;
  /// thrown before anything is allocated.
  case cannotAllocate(shape: [Int], bytes: Int, limit: Int)
  /// Rows of a nested literal with different lengths.
  case raggedRows(expected: Int, got: Int, row: Int)
  /// `reshape` to a shape with another number of elements.
  case invalidReshape(shape: [Int], count: Int)
  /// A dimension outside `-rank ..< rank`.
  case dimensionOutOfRange(dimension: Int, rank: Int)
  /// An index outside a dimension.
  case indexOutOfRange(index: Int, dimension: Int, size: Int)
  /// `item()` on a tensor with another number of elements than one.
  case notOneElement(count: Int)
  /// The target of a loss has another shape than its input.
  case targetShapeMismatch(target: [Int], input: [Int])
  /// Invalid arguments to a creation function (`linspace`, `arange`).
  case invalidRange(String)
  /// A reduction over no elements that has no value (`logsumexp` of nothing is −∞, `mean` is NaN).
  case emptyReduction(operation: String)

  public var description: String {
    switch self {
    case .implicitGradientForNonScalar(let shape):
      return "grad can be implicitly created only for scalar outputs (the output has shape \(shape)); "
        + "pass backward(gradient:) a tensor of that shape: it is the vector v in the product vᵀJ"
    case .gradientShapeMismatch(let gradient, let output):
      return "Mismatch in shape: gradient has a shape of \(gradient) and output has a shape of \(output); "
        + "pass a gradient with the output's shape"
    case .graphFreed(let node):
      return "Trying to backward through the graph a second time (or directly access saved tensors after they "
        + "have already been freed; reached \(node)). Saved intermediate values of the graph are freed when you "
        + "call backward(). Specify retainGraph: true if you need to backward through the graph a second time "
        + "or if you need to access saved tensors after calling backward, or compute the output again"
    case .incorrectGradientCount(let node, let expected, let got):
      return "function \(node) returned an incorrect number of gradients (expected \(expected), got \(got)); "
        + "return one gradient per input of forward, nil for an input that needs none"
    case .invalidGradient(let node, let index, let got, let expected):
      return "Function \(node) returned an invalid gradient at index \(index) - got \(got) but expected shape "
        + "compatible with \(expected); return each gradient in its input's shape"
    case .backwardNotDifferentiable(let node):
      return "\(node)'s backward is not written in differentiable tensor operations (backwardIsDifferentiable "
        + "is false), so createGraph cannot record it; write backward with tensor operations, or call "
        + "backward without createGraph"
    case .doesNotRequireGrad:
      return "element 0 of tensors does not require grad and does not have a grad_fn; create the inputs with "
        + "requiresGrad: true, and compute the output outside noGrad { } and without detach()"
    case .backwardNotRecorded:
      return "element 0 of tensors does not require grad and does not have a grad_fn: it was computed from a "
        + "gradient whose backward was not recorded. To differentiate a gradient again, pass createGraph: true "
        + "to the backward(...) or gradients(of:...) that computed it; otherwise create the inputs with "
        + "requiresGrad: true"
    case .inputDoesNotRequireGrad(let index):
      return "One of the differentiated Tensors does not require grad (input \(index)); create it with "
        + "requiresGrad: true, outside noGrad { }"
    case .unusedInput(let index):
      return "One of the differentiated Tensors appears to not have been used in the graph (input \(index)). "
        + "Set allowUnused: true if this is the desired behavior: its gradient is then zero"
    case .retainGradWithoutRequiresGrad:
      return "can't retain_grad on Tensor that has requires_grad=False; only a tensor that requires grad gets a gradient"
    case .requiresGradOnNonLeaf:
      return "you can only change requires_grad flags of leaf variables; use detach() to get a tensor "
        + "outside the graph"
    case .broadcastMismatch(let lhs, let rhs):
      // The first mismatch from the right, as PyTorch reports it.
      let rank = max(lhs.count, rhs.count)
      let dim = BroadcastLayout.aligned(lhs, rhs).mismatches.last ?? 0
      func size(_ shape: [Int]) -> Int {
        let k = dim - (rank - shape.count)
        return shape.indices.contains(k) ? shape[k] : 1
      }
      let (a, b) = (size(lhs), size(rhs))
      return "The size of tensor a (\(a)) must match the size of tensor b (\(b)) at non-singleton dimension "
        + "\(dim) (shapes \(lhs) and \(rhs)); sizes must be equal, or one of them 1, counting from the last dimension"
    case .matmulMismatch(let lhs, let rhs):
      return "mat1 and mat2 shapes cannot be multiplied (\(Self.format(lhs)) and \(Self.format(rhs))); "
        + "the last dimension of the first operand must equal the first dimension of the second"
    case .bmmRank(let operand, let shape):
      return "\(operand) must be a 3D tensor (got shape \(shape)); bmm multiplies batches of matrices: "
        + "reshape to [batch, rows, columns], or use matmul for a single matrix"
    case .bmmMismatch(let expected, let got):
      return "Expected size for first two dimensions of batch2 tensor to be: \(expected) but got: \(got). "
        + "The batch sizes must be equal, and the rows of batch2 must match the columns of batch1"
    case .indexPutShapeMismatch(let values, let indexing):
      return "shape mismatch: value tensor of shape \(values) cannot be broadcast to indexing result of shape "
        + "\(indexing); pass one value per position in the last dimension"
    case .indexShapeMismatch(let rows, let columns):
      return "shape mismatch: indexing tensors could not be broadcast together with shapes [\(rows)], [\(columns)]; "
        + "pass as many row indices as column indices"
    case .duplicatePosition(let row, let column):
      return "position (\(row), \(column)) is listed more than once; index_put_ without accumulate leaves its value "
        + "undefined: list each position once"
    case .matmulRank(let lhs, let rhs):
      return "matmul supports operands of rank 1 or 2, but got shapes \(lhs) and \(rhs); reshape them first"
    case .elementCountMismatch(let shape, let count):
      return "shape \(shape) needs \(shape.reduce(1, *)) elements but \(count) were given; pass one scalar "
        + "per element, in row-major order"
    case .negativeDimension(let shape):
      return "negative dimension in shape \(shape); every size must be 0 or more"
    case .tooManyElements(let shape):
      return "Storage size calculation overflowed with sizes=\(shape); the number of elements and of bytes "
        + "must fit in an Int, zeros aside: use smaller sizes"
    case .cannotAllocate(let shape, let bytes, let limit):
      return "DefaultCPUAllocator: can't allocate memory: you tried to allocate \(bytes) bytes (shape \(shape)), "
        + "more than the \(limit) bytes of physical memory; use smaller sizes, or split the work into pieces that fit"
    case .raggedRows(let expected, let got, let row):
      return "expected sequence of length \(expected) at dim 1 (got \(got)) in row \(row); every row must have "
        + "the same length"
    case .invalidReshape(let shape, let count):
      return "shape '\(shape)' is invalid for input of size \(count); the new shape must have the same number "
        + "of elements"
    case .dimensionOutOfRange(let dimension, let rank):
      return rank == 0
        ? "Dimension specified as \(dimension) but tensor has no dimensions"
        : "Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(dimension))"
    case .indexOutOfRange(let index, let dimension, let size):
      return "index \(index) is out of bounds for dimension \(dimension) with size \(size)"
    case .notOneElement(let count):
      return "a Tensor with \(count) elements cannot be converted to Scalar; reduce it first, e.g. with sum()"
    case .targetShapeMismatch(let target, let input):
      return "Target size (\(target)) must be the same as input size (\(input))"
    case .invalidRange(let message):
      return message
    case .emptyReduction(let operation):
      return "\(operation) of an empty tensor has no value; reduce a tensor with at least one element"
    }
  }

  private static func format(_ shape: [Int]) -> String {
    shape.map(String.init).joined(separator: "x")
  }
}
