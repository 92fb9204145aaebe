import DualAD

extension Loops {
  /// ℓ = softplus(z) − z·y, evaluated as a sum of two non-negative terms, with softplus taken
  /// only at −|z| where it is small and exact:
  ///
  ///     z ≥ 0:  ℓ = softplus(−z) + (1 − y)·z        z < 0:  ℓ = softplus(z) − y·z
  ///
  /// (the two agree because softplus(z) = z + softplus(−z)). No overflow at any logit, and full
  /// relative accuracy even for a confident right answer (z = 30, y = 1 gives log(1 + e^−30),
  /// where softplus(30) − 30 keeps three digits). The partials are chained from the rule table;
  /// they come to ∂ℓ/∂z = σ(z) − y and ∂ℓ/∂y = −z.
  static func binaryCrossEntropyWithLogits<T: ADScalar>(
    _ z: [T], _ y: [T], dz wantDz: Bool, dy wantDy: Bool
  ) -> (values: [T], dz: [T], dy: [T]) {
    let n = min(z.count, y.count)
    var values = [T](repeating: 0, count: n)
    var dz = [T](repeating: 0, count: wantDz ? n : 0)
    var dy = [T](repeating: 0, count: wantDy ? n : 0)
    z.withUnsafeBufferPointer { z in
      y.withUnsafeBufferPointer { y in
        values.withUnsafeMutableBufferPointer { v in
          dz.withUnsafeMutableBufferPointer { dz in
            dy.withUnsafeMutableBufferPointer { dy in
              guard wantDz || wantDy else {
                // The same two terms through the element type's own functions: `evaluate` would
                // also compute σ for the partial, and for `Variable` record it on the tape.
                for i in 0..<n {
                  let (zi, yi) = (z[i], y[i])
                  v[i] = zi >= 0 ? T.softplus(-zi) + (1 - yi) * zi : T.softplus(zi) - yi * zi
                }
                return
              }
              for i in 0..<n {
                let (zi, yi) = (z[i], y[i])
                if zi >= 0 {
                  let (minusZ, minusZDz) = UnaryPrimitive.negate.evaluate(zi)
                  let (softplus, softplusDm) = UnaryPrimitive.softplus.evaluate(minusZ)
                  let (weight, _, weightDy) = BinaryPrimitive.subtract.evaluate(1, yi)
                  let (linear, linearDw, linearDz) = BinaryPrimitive.multiply.evaluate(weight, zi)
                  let (loss, lossDs, lossDl) = BinaryPrimitive.add.evaluate(softplus, linear)
                  v[i] = loss
                  if wantDz { dz[i] = lossDs * softplusDm * minusZDz + lossDl * linearDz }
                  if wantDy { dy[i] = lossDl * linearDw * weightDy }
                } else {
                  let (softplus, softplusDz) = UnaryPrimitive.softplus.evaluate(zi)
                  let (linear, linearDy, linearDz) = BinaryPrimitive.multiply.evaluate(yi, zi)
                  let (loss, lossDs, lossDl) = BinaryPrimitive.subtract.evaluate(softplus, linear)
                  v[i] = loss
                  if wantDz { dz[i] = lossDs * softplusDz + lossDl * linearDz }
                  if wantDy { dy[i] = lossDl * linearDy }
                }
              }
            }
          }
        }
      }
    }
    return (values, dz, dy)
  }
}

extension Loops {
  /// ``binaryCrossEntropyWithLogits(_:_:dz:dy:)`` on `Double` in one vectorizable pass: the
  /// same two non-negative terms, with softplus(−|z|) and σ(−|z|) sharing e = e^−|z|
  /// (``BranchFreeElementary/softplusAndSigmoid(ofMinus:)``). ∂ℓ/∂z = σ(z) − y is taken as
  /// (1 − y) − σ(−z) for z ≥ 0, so that nothing cancels when y = 1 and σ(z) ≈ 1.
  static func binaryCrossEntropyWithLogits(
    _ z: [Double], _ y: [Double], dz wantDz: Bool, dy wantDy: Bool
  ) -> (values: [Double], dz: [Double], dy: [Double]) {
    let n = min(z.count, y.count)
    var values = [Double](repeating: 0, count: n)
    var dz = [Double](repeating: 0, count: wantDz ? n : 0)
    z.withUnsafeBufferPointer { z in
      y.withUnsafeBufferPointer { y in
        values.withUnsafeMutableBufferPointer { v in
          dz.withUnsafeMutableBufferPointer { dz in
            if wantDz { lossesAndPartials(z, y, v, dz, count: n) } else { losses(z, y, v, count: n) }
          }
        }
      }
    }
    return (values, dz, wantDy ? Loops.scale(z, by: -1) : [])
  }

  // The loops on buffers, outside the closures: LLVM vectorizes them here and not inline there.
  // `count` is at most the length of every buffer.

  private static func lossesAndPartials(
    _ z: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
    _ v: UnsafeMutableBufferPointer<Double>, _ dz: UnsafeMutableBufferPointer<Double>, count: Int
  ) {
    for i in 0..<count {
      let (zi, yi) = (z[i], y[i])
      let (softplus, sigmoid) = BranchFreeElementary.softplusAndSigmoid(ofMinus: zi.magnitude)
      v[i] = zi >= 0 ? softplus + (1 - yi) * zi : softplus - yi * zi
      dz[i] = zi >= 0 ? (1 - yi) - sigmoid : sigmoid - yi
    }
  }

  private static func losses(
    _ z: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>, count: Int
  ) {
    for i in 0..<count {
      let (zi, yi) = (z[i], y[i])
      let softplus = BranchFreeElementary.softplusAndSigmoid(ofMinus: zi.magnitude).softplus
      v[i] = zi >= 0 ? softplus + (1 - yi) * zi : softplus - yi * zi
    }
  }
}
