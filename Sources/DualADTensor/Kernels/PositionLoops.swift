import DualAD

extension Loops {
  /// Each of `blocks` runs of `offsets.count` values placed at `offsets` in a zero block of
  /// `matrixCount`. The offsets were checked to lie in 0..<matrixCount (``MatrixPositions``) and
  /// `values` holds blocks·offsets.count elements.
  static func scatter<T: ADScalar>(_ values: [T], _ offsets: [Int], blocks: Int, matrixCount: Int) -> [T] {
    let m = offsets.count
    var out = [T](repeating: 0, count: blocks * matrixCount)
    values.withUnsafeBufferPointer { v in
      out.withUnsafeMutableBufferPointer { o in
        for block in 0..<blocks {
          for (i, offset) in offsets.enumerated() { o[block * matrixCount + offset] = v[block * m + i] }
        }
      }
    }
    return out
  }

  /// The values at `offsets` of each of `blocks` blocks of `matrixCount`: the adjoint of
  /// ``scatter(_:_:blocks:matrixCount:)``.
  static func gather<T: ADScalar>(_ matrices: [T], _ offsets: [Int], blocks: Int, matrixCount: Int) -> [T] {
    let m = offsets.count
    var out = [T](repeating: 0, count: blocks * m)
    matrices.withUnsafeBufferPointer { x in
      out.withUnsafeMutableBufferPointer { o in
        for block in 0..<blocks {
          for (i, offset) in offsets.enumerated() { o[block * m + i] = x[block * matrixCount + offset] }
        }
      }
    }
    return out
  }
}
