import RealModule
import DualAD

extension Tensor {
  /// A tensor of `shape` with every element `value` (PyTorch's `full`).
  ///
  /// Every creation function checks its size before allocating:
  ///
  /// - Throws: ``TensorError/negativeDimension(shape:)`` for a negative size,
  ///   ``TensorError/tooManyElements(shape:)`` when the count or the bytes overflow `Int`,
  ///   ``TensorError/cannotAllocate(shape:bytes:limit:)`` beyond `StorageLimit.bytes`.
  public static func full(_ shape: [Int], _ value: Scalar, requiresGrad: Bool = false) throws(TensorError) -> Tensor {
    let count = try checkedStorage(of: shape)
    return Tensor(storage: [Scalar](repeating: value, count: count), shape: shape, requiresGrad: requiresGrad)
  }

  /// A tensor of zeros (PyTorch's `zeros`); throws as ``full(_:_:requiresGrad:)``.
  public static func zeros(_ shape: [Int], requiresGrad: Bool = false) throws(TensorError) -> Tensor {
    try full(shape, 0, requiresGrad: requiresGrad)
  }

  /// A tensor of ones (PyTorch's `ones`); throws as ``full(_:_:requiresGrad:)``.
  public static func ones(_ shape: [Int], requiresGrad: Bool = false) throws(TensorError) -> Tensor {
    try full(shape, 1, requiresGrad: requiresGrad)
  }

  /// `steps` evenly spaced values from `start` to `end`, both included (PyTorch's `linspace`):
  /// xᵢ = start + i·(end − start)/(steps − 1). As PyTorch does, the second half is computed from
  /// the end, xᵢ = end − (steps − 1 − i)·step, so that both ends and the symmetry are exact.
  ///
  /// - Throws: ``TensorError/invalidRange(_:)`` when `steps` is negative, and the size errors of
  ///   ``full(_:_:requiresGrad:)``.
  public static func linspace(_ start: Double, _ end: Double, steps: Int, requiresGrad: Bool = false) throws(TensorError)
    -> Tensor
  {
    guard steps >= 0 else { throw .invalidRange("number of steps must be non-negative, but got \(steps)") }
    _ = try checkedStorage(of: [steps])
    let step = steps > 1 ? (end - start) / Double(steps - 1) : 0
    let half = steps / 2
    let values = (0..<steps).map { i in
      Scalar.constant(i < half || steps == 1 ? start + Double(i) * step : end - Double(steps - 1 - i) * step)
    }
    return Tensor(storage: values, shape: [steps], requiresGrad: requiresGrad)
  }

  /// start, start + step, … up to but excluding `end` (PyTorch's `arange`): ⌈(end − start)/step⌉ values.
  ///
  /// - Throws: ``TensorError/invalidRange(_:)`` when `step` is 0, NaN or infinite, a bound is not
  ///   finite, or `step` points away from `end`; the size errors of ``full(_:_:requiresGrad:)``.
  public static func arange(_ start: Double, _ end: Double, step: Double = 1, requiresGrad: Bool = false)
    throws(TensorError) -> Tensor
  {
    guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
      throw .invalidRange("step must be nonzero and the bounds finite, but got start \(start), end \(end), step \(step)")
    }
    guard (end - start) * step >= 0 else {
      throw .invalidRange("upper bound and larger bound inconsistent with step sign (start \(start), end \(end), step \(step))")
    }
    guard let n = Int(exactly: ((end - start) / step).rounded(.up)) else {
      throw .invalidRange("arange(\(start), \(end), step: \(step)) has too many elements")
    }
    _ = try checkedStorage(of: [n])
    let values = (0..<n).map { Scalar.constant(start + Double($0) * step) }
    return Tensor(storage: values, shape: [n], requiresGrad: requiresGrad)
  }

  /// 0, 1, … up to but excluding `end` (PyTorch's `arange(end)`).
  ///
  /// - Throws: ``TensorError/invalidRange(_:)`` when `end` is negative.
  public static func arange(_ end: Double, requiresGrad: Bool = false) throws(TensorError) -> Tensor {
    try arange(0, end, step: 1, requiresGrad: requiresGrad)
  }

  /// Samples of the standard normal distribution N(0, 1), reproducible from `seed`
  /// (PyTorch's `randn` after `manual_seed`).
  ///
  /// - Throws: the size errors of ``full(_:_:requiresGrad:)``.
  public static func randn(_ shape: [Int], seed: UInt64, requiresGrad: Bool = false) throws(TensorError) -> Tensor {
    let count = try checkedStorage(of: shape)
    var generator = SeededGenerator(seed: seed)
    let values = (0..<count).map { _ in Scalar.constant(generator.nextNormal()) }
    return Tensor(storage: values, shape: shape, requiresGrad: requiresGrad)
  }

  /// Samples of the uniform distribution on [0, 1), reproducible from `seed` (PyTorch's `rand`).
  ///
  /// - Throws: the size errors of ``full(_:_:requiresGrad:)``.
  public static func rand(_ shape: [Int], seed: UInt64, requiresGrad: Bool = false) throws(TensorError) -> Tensor {
    let count = try checkedStorage(of: shape)
    var generator = SeededGenerator(seed: seed)
    let values = (0..<count).map { _ in Scalar.constant(generator.nextUnit()) }
    return Tensor(storage: values, shape: shape, requiresGrad: requiresGrad)
  }
}
