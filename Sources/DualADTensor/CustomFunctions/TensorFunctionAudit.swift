import DualAD

extension TensorFunction {
  /// The function and its backward on flat `Double` arrays, for a gradient checker: `value`
  /// maps the inputs (row-major, one after the other, in `inputShapes`) to the output's scalars,
  /// and `vjp` maps them and a cotangent v (in the output's shape) to vᵀJ through ``apply(_:)-([Tensor<S>])``
  /// and `backward`, flattened the same way.
  ///
  /// With `GradientCheck` this audits the backward against GSL in one line:
  /// ```swift
  /// let f = MyExp.flatFunction(inputShapes: [[3]])
  /// let report = try checkGradients(name: "MyExp", at: [0, 1, -2], value: f.value, vjp: f.vjp)
  /// ```
  /// A shape that does not fit, or a backward that throws, gives NaN elements, which the check
  /// reports as non-finite (never a pass).
  public static func flatFunction(
    inputShapes: [[Int]]
  ) -> (value: ([Double]) -> [Double], vjp: ([Double], [Double]) -> [Double]) {
    let counts = inputShapes.map { $0.reduce(1, *) }
    let inputs = { (x: [Double], requiresGrad: Bool) throws(TensorError) -> [Tensor<Double>] in
      guard x.count == counts.reduce(0, +) else { throw .elementCountMismatch(shape: [counts.reduce(0, +)], count: x.count) }
      var start = 0
      var tensors: [Tensor<Double>] = []
      for (shape, count) in zip(inputShapes, counts) {
        tensors.append(try Tensor(shape: shape, scalars: Array(x[start..<(start + count)]), requiresGrad: requiresGrad))
        start += count
      }
      return tensors
    }
    let value = { (x: [Double]) -> [Double] in
      (try? noGrad { try apply(inputs(x, false)).scalars }) ?? [.nan]
    }
    let vjp = { (x: [Double], v: [Double]) -> [Double] in
      do {
        let tensors = try inputs(x, true)
        let y = try apply(tensors)
        let found = try gradients(
          of: y, withRespectTo: tensors, gradient: try Tensor(shape: y.shape, scalars: v), allowUnused: true)
        return found.flatMap(\.scalars)
      } catch {
        return [Double](repeating: .nan, count: x.count)
      }
    }
    return (value, vjp)
  }
}
