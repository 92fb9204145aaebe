import DualAD

/// A function from all the elements of a value to one scalar, written with the core's
/// primitives so that it differentiates in every mode.
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
  /// log Σᵢ exp(xᵢ) = m + log Σᵢ exp(xᵢ − m) with m = max xᵢ, finite for large xᵢ
  /// (logsumexp([1000, 1001, 999]) ≈ 1001.4076); its gradient is softmax(x).
  case logsumexp

  /// The reduction of `values`. An empty input gives the reduction's identity (0, 1, −∞)
  /// or NaN for `mean`.
  public func apply<T: ADScalar>(_ values: [T]) -> T {
    switch self {
    case .sum:
      return Self.total(values)
    case .mean:
      guard !values.isEmpty else { return T(T.Primal.nan) }
      return Self.total(values) / T(T.Primal(values.count))
    case .prod:
      guard var product = values.first else { return 1 }
      for x in values.dropFirst() { product = product * x }
      return product
    case .norm:
      let m = Self.largestMagnitude(values)
      if m.isNaN { return T.sqrt(Self.total(values.map { $0 * $0 })) }
      // At 0 the gradient is taken as 0: a constant has none.
      guard m > 0 else { return 0 }
      guard m.isFinite else { return T(m) }
      // Scaling by a constant m > 0 leaves the function, and so its derivative, unchanged.
      let scale = T(m)
      return scale * T.sqrt(Self.total(values.map { ($0 / scale) * ($0 / scale) }))
    case .logsumexp:
      guard !values.isEmpty else { return T(-T.Primal.infinity) }
      var m = -T.Primal.infinity
      for x in values {
        if x.primal.isNaN { return T.log(Self.total(values.map { T.exp($0) })) }  // NaN, with NaN partials
        if x.primal > m { m = x.primal }
      }
      // All −∞, or a +∞: the result is m itself; shifting by it would give NaN.
      guard m.isFinite else { return T(m) }
      let shift = T(m)
      return shift + T.log(Self.total(values.map { T.exp($0 - shift) }))
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

  private static func total<T: ADScalar>(_ values: [T]) -> T {
    guard var sum = values.first else { return 0 }
    for x in values.dropFirst() { sum = sum + x }
    return sum
  }
}
