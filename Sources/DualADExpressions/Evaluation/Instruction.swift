import DualAD
import DualADTensor

/// One step of a compiled expression; operands are indices of earlier steps. Each step with
/// arithmetic runs on a kernel of the tensor target, so an expression computes what the
/// Tensor API computes.
enum Instruction: Sendable {
  /// Elements `offset ..< offset + count` of the flattened inputs.
  case input(offset: Int, count: Int)
  case constant(Double)
  case elementwise(UnaryPrimitive, Int)
  /// Elementwise with PyTorch's broadcasting (the tensor target's rule and walk).
  case pairwise(BinaryPrimitive, Int, Int, BroadcastLayout)
  /// Concatenation of the operands' elements (a list literal).
  case stack([Int])
  case reduction(Reduction, Int)
  /// (m×k)·(k×n), a vector being one row (left) or one column (right); `dot` is m = n = 1.
  case matmul(Int, Int, m: Int, k: Int, n: Int)
  /// PyTorch's loss with mean reduction.
  case binaryCrossEntropyWithLogits(Int, Int)
}
