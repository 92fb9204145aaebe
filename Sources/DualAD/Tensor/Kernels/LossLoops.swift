extension Loops {
  /// ℓᵢ = softplus(zᵢ) − zᵢ·yᵢ = max(zᵢ, 0) − zᵢ·yᵢ + log(1 + e^−|zᵢ|), finite for any logit.
  /// Its partials come from the rule table: ∂ℓ/∂z = softplus′(z) − y = σ(z) − y, ∂ℓ/∂y = −z.
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
              for i in 0..<n {
                let (softplus, softplusPartial) = UnaryPrimitive.softplus.evaluate(z[i])
                let (product, productDz, productDy) = BinaryPrimitive.multiply.evaluate(z[i], y[i])
                let (loss, lossDSoftplus, lossDProduct) = BinaryPrimitive.subtract.evaluate(softplus, product)
                v[i] = loss
                if wantDz { dz[i] = lossDSoftplus * softplusPartial + lossDProduct * productDz }
                if wantDy { dy[i] = lossDProduct * productDy }
              }
            }
          }
        }
      }
    }
    return (values, dz, dy)
  }
}
