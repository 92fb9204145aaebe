import DualAD

/// How two shapes broadcast together under PyTorch's rules, and how to walk them.
///
/// Shapes are aligned at their last dimension; in each dimension the sizes must be equal or
/// one of them 1 (a missing dimension counts as 1), and the result takes the larger size.
/// An input's stride is 0 along a dimension it is broadcast in, so one walk over the result
/// visits the matching element of each input. The same walk, run backward, sums a gradient
/// down to an input's shape: ∂L/∂a = Σ over the broadcast copies of ∂L/∂out.
package struct BroadcastLayout: Sendable {
  package let lhsShape: [Int]
  package let rhsShape: [Int]
  package let outputShape: [Int]
  /// The number of elements of the result.
  package let count: Int
  /// The shape walked: the result's shape, or one flat dimension when that is equivalent.
  private let walkShape: [Int]
  private let lhsStrides: [Int]
  private let rhsStrides: [Int]

  /// - Throws: ``TensorError/broadcastMismatch(lhs:rhs:)`` for incompatible shapes.
  package init(_ lhs: [Int], _ rhs: [Int]) throws(TensorError) {
    let (output, mismatches) = Self.aligned(lhs, rhs)
    guard mismatches.isEmpty else { throw .broadcastMismatch(lhs: lhs, rhs: rhs) }
    lhsShape = lhs
    rhsShape = rhs
    outputShape = output
    count = try checkedElementCount(of: output)
    let lhsCount = lhs.reduce(1, *), rhsCount = rhs.reduce(1, *)
    if lhsCount == count && rhsCount == count {
      (walkShape, lhsStrides, rhsStrides) = ([count], [1], [1])
    } else if lhsCount == count && rhsCount == 1 {
      (walkShape, lhsStrides, rhsStrides) = ([count], [1], [0])
    } else if lhsCount == 1 && rhsCount == count {
      (walkShape, lhsStrides, rhsStrides) = ([count], [0], [1])
    } else {
      walkShape = output
      lhsStrides = Self.strides(of: lhs, in: output)
      rhsStrides = Self.strides(of: rhs, in: output)
    }
  }

  /// The rule itself: the result's shape (the larger size where one of two is 1), and the
  /// dimensions, numbered in the result, where the sizes differ and neither is 1 (in
  /// increasing order; empty when the shapes broadcast).
  package static func aligned(_ lhs: [Int], _ rhs: [Int]) -> (shape: [Int], mismatches: [Int]) {
    let rank = max(lhs.count, rhs.count)
    var output = [Int](repeating: 1, count: rank)
    var mismatches: [Int] = []
    for d in 0..<rank {
      let x = d - (rank - lhs.count) >= 0 ? lhs[d - (rank - lhs.count)] : 1
      let y = d - (rank - rhs.count) >= 0 ? rhs[d - (rank - rhs.count)] : 1
      if x != y && x != 1 && y != 1 { mismatches.append(d) }
      output[d] = x == 1 ? y : x
    }
    return (output, mismatches)
  }

  /// Row-major strides of `shape`, aligned to the right of `output`, 0 where it is broadcast.
  private static func strides(of shape: [Int], in output: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: output.count)
    var stride = 1
    for k in 0..<shape.count {
      let size = shape[shape.count - 1 - k]
      if size != 1 { strides[output.count - 1 - k] = stride }
      stride *= size
    }
    return strides
  }

  /// Elements per row of the walk (the last dimension).
  var inner: Int { walkShape.last ?? 1 }
  /// The step of the left operand along a row: 1, or 0 when it is broadcast.
  var lhsInner: Int { lhsStrides.last ?? 0 }
  /// The step of the right operand along a row: 1, or 0 when it is broadcast.
  var rhsInner: Int { rhsStrides.last ?? 0 }

  /// Calls `body(output, lhs, rhs)` with the offsets at which each row starts; a row has
  /// ``inner`` elements, at steps 1, ``lhsInner`` and ``rhsInner``.
  @inline(__always)
  func forEachRow(_ body: (_ output: Int, _ lhs: Int, _ rhs: Int) -> Void) {
    guard count > 0 else { return }
    let rank = walkShape.count
    guard rank > 1 else {
      body(0, 0, 0)
      return
    }
    let inner = walkShape[rank - 1]
    var index = [Int](repeating: 0, count: rank - 1)
    var (o, a, b) = (0, 0, 0)
    while true {
      body(o, a, b)
      o += inner
      var d = rank - 2
      while d >= 0 {
        index[d] += 1
        a += lhsStrides[d]
        b += rhsStrides[d]
        if index[d] < walkShape[d] { break }
        a -= lhsStrides[d] * walkShape[d]
        b -= rhsStrides[d] * walkShape[d]
        index[d] = 0
        d -= 1
      }
      if d < 0 { return }
    }
  }
}

extension Tensor {
  /// The layout of a new result broadcast from `lhs` and `rhs`, its storage checked against
  /// `StorageLimit.bytes`: `[1 << 20, 1]` and `[1, 1 << 20]` would need 8 TiB of `Double`.
  ///
  /// - Throws: ``TensorError/broadcastMismatch(lhs:rhs:)``, and the size errors of a creation.
  static func resultLayout(_ lhs: [Int], _ rhs: [Int]) throws(TensorError) -> BroadcastLayout {
    let layout = try BroadcastLayout(lhs, rhs)
    _ = try checkedStorage(of: layout.outputShape)
    return layout
  }
}
