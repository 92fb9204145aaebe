import DualAD
import DualADTensor

/// A function from all the elements of a value to one scalar. `sum`, `mean` and `logsumexp`
/// are the tensor target's kernels (`Tensor.sum()`, `mean()`, `logsumexp()`); `prod` and
/// `norm`, which have no tensor operation, are written here with the core's primitives. All
/// differentiate in every mode.
public enum Reduction: String, Sendable, CaseIterable {
  /// Σᵢ xᵢ.
  case sum
  /// (1/n) Σᵢ xᵢ.
  case mean
  /// Πᵢ xᵢ, computed as a chain of products and never as a quotient, so that
  /// ∂/∂xⱼ = Πᵢ≠ⱼ xᵢ is exact when some xᵢ are zero: the gradient of prod([2, 3, 0, 5]) is
  /// [0, 0, 30, 0] in forward and in reverse mode.
  case prod
  /// The L2 norm ‖x‖ = √(Σᵢ xᵢ²), scaled by max |xᵢ| so that it neither overflows nor
  /// underflows. At x = 0 the norm is not differentiable; its gradient is taken as 0 there
  /// (PyTorch's convention, a subgradient).
  case norm
  /// log Σᵢ exp(xᵢ) = m + log1p(Σᵢ≠ₐ exp(xᵢ − m)) with m = xₐ = max xᵢ, finite for large xᵢ
  /// (logsumexp([1000, 1001, 999]) ≈ 1001.4076) and exact for a small sum; its gradient is
  /// softmax(x). As in PyTorch, a +∞ gives +∞ and all −∞ give −∞, both with NaN partials.
  case logsumexp

  /// The reduction of `values`. An empty input gives the reduction's identity (0, 1, −∞)
  /// or NaN for `mean`.
  public func apply<T: ADScalar>(_ values: [T]) -> T {
    let all = AxisLayout(count: values.count)
    switch self {
    case .sum:
      return Kernels.sum(values, all)[0]
    case .mean:
      return Kernels.mean(values, all)[0]
    case .prod:
      guard var product = values.first else { return 1 }
      for x in values.dropFirst() { product = product * x }
      return product
    case .norm:
      let m = Self.largestMagnitude(values)
      if m.isNaN { return T.sqrt(Kernels.sum(values.map { $0 * $0 }, all)[0]) }
      // At 0 the gradient is taken as 0: a constant has none.
      guard m > 0 else { return 0 }
      guard m.isFinite else { return T(m) }
      // Scaling by a constant m > 0 leaves the function, and so its derivative, unchanged.
      let scale = T(m)
      return scale * T.sqrt(Kernels.sum(values.map { ($0 / scale) * ($0 / scale) }, all)[0])
    case .logsumexp:
      // The tensor operation refuses an empty input; the expression language gives the identity.
      guard !values.isEmpty else { return T(-T.Primal.infinity) }
      return Kernels.logsumexp(values, all, partials: false).values[0]
    }
  }

  /// max |xᵢ|, NaN when some xᵢ is NaN.
  private static func largestMagnitude<T: ADScalar>(_ values: [T]) -> T.Primal {
    var m = T.Primal.zero
    for x in values {
      let a = Swift.abs(x.primal)
      if a.isNaN { return a }
      if a > m { m = a }
    }
    return m
  }
}
