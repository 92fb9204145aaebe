import DualAD
import DualADTensor
import DualADExpressions

/// The tensor API as a ``TensorBackwardEngine``: each tree operation is one `Tensor<Double>`
/// operation (elementwise through the rule table, broadcasting, sum/mean/logsumexp, matmul), and
/// the backward is `Tensor.backward(gradient:)` with each leaf's `.grad` read back.
///
/// `prod`, `norm` and stacking have no tensor operation of their own; they are composed from
/// ones that do (products of selected elements, √sum(x²), sums of one-hot-scaled pieces), so
/// they still go through the tensor graph. The engine's methods cannot throw: the first tensor
/// error is kept and `backward` throws it.
final class TensorEngine: TensorBackwardEngine {
  typealias Value = Tensor<Double>

  private var firstError: TensorError?

  private func attempt(_ body: () throws(TensorError) -> Tensor<Double>) -> Tensor<Double> {
    do {
      return try body()
    } catch {
      firstError = firstError ?? error
      return Tensor(Double.nan)
    }
  }

  func leaf(_ value: ArrayValue) -> Value {
    attempt { () throws(TensorError) in try Tensor(shape: value.shape.dimensions, scalars: value.elements, requiresGrad: true) }
  }

  func constant(_ c: Double) -> Value { Tensor(c) }

  func unary(_ primitive: UnaryPrimitive, _ a: Value) -> Value { a.applying(primitive) }

  func binary(_ primitive: BinaryPrimitive, _ a: Value, _ b: Value) -> Value {
    attempt { () throws(TensorError) in try a.applying(primitive, b) }
  }

  func reduction(_ reduction: Reduction, _ a: Value) -> Value {
    attempt { () throws(TensorError) in
      switch reduction {
      case .sum: return a.sum()
      case .mean: return a.mean()
      case .logsumexp: return try a.logsumexp()
      case .norm: return a.pow(2).sum().sqrt()
      case .prod:
        let flat = try a.reshape([-1])
        var product = try flat[0]
        for i in 1..<flat.count { product = try product * (try flat[i]) }
        return product
      }
    }
  }

  func matmul(_ a: Value, _ b: Value) -> Value { attempt { () throws(TensorError) in try DualADTensor.matmul(a, b) } }

  func dot(_ a: Value, _ b: Value) -> Value { attempt { () throws(TensorError) in try DualADTensor.matmul(a, b) } }

  /// Σₖ pieceₖ ⊗ eₖ: scalars into a vector, or vectors (as 1×n rows) into the rows of a matrix.
  func stack(_ elements: [Value]) -> Value {
    attempt { () throws(TensorError) in
      let m = elements.count
      var result: Tensor<Double>?
      for (k, piece) in elements.enumerated() {
        let oneHot = (0..<m).map { $0 == k ? 1.0 : 0 }
        let term = piece.rank == 0
          ? try piece * Tensor(oneHot)
          : try piece.reshape([1, piece.count]) * Tensor(shape: [m, 1], scalars: oneHot)
        result = try result.map { (sum) throws(TensorError) in try sum + term } ?? term
      }
      guard let result else { throw TensorError.emptyReduction(operation: "stack") }
      return result
    }
  }

  func backward(_ output: Value, gradient: [Double], leaves: [Value]) throws -> [[Double]] {
    if let firstError { throw firstError }
    try output.backward(gradient: Tensor(shape: output.shape, scalars: gradient))
    return leaves.map { $0.grad?.scalars ?? [Double](repeating: 0, count: $0.count) }
  }
}
