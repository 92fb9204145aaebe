import DualAD

extension Loops {
  /// C = A·B for A (m×k) and B (k×n), row-major. Loop order i-p-j: the inner loop runs along
  /// rows of B and C, so it streams contiguous memory and vectorizes; p is blocked so that a
  /// band of B stays in cache while every row of A passes over it.
  static func matmul<T: ADScalar>(_ a: [T], _ b: [T], m: Int, k: Int, n: Int) -> [T] {
    var c = [T](repeating: 0, count: m * n)
    guard m > 0, n > 0, k > 0 else { return c }
    let band = max(1, 16_384 / n)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else { return }
          var p0 = 0
          while p0 < k {
            let p1 = min(p0 + band, k)
            for i in 0..<m {
              let row = pc + i * n
              for p in p0..<p1 {
                let aip = pa[i * k + p]
                let bRow = pb + p * n
                for j in 0..<n { row[j] += aip * bRow[j] }
              }
            }
            p0 = p1
          }
        }
      }
    }
    return c
  }

  /// Aᵀ for A (rows×columns), row-major.
  static func transpose<T: ADScalar>(_ a: [T], rows: Int, columns: Int) -> [T] {
    var t = [T](repeating: 0, count: rows * columns)
    a.withUnsafeBufferPointer { a in
      t.withUnsafeMutableBufferPointer { t in
        // Tiles keep both the reads and the writes in cache.
        let tile = 32
        for i0 in stride(from: 0, to: rows, by: tile) {
          for j0 in stride(from: 0, to: columns, by: tile) {
            for i in i0..<min(i0 + tile, rows) {
              for j in j0..<min(j0 + tile, columns) { t[j * rows + i] = a[i * columns + j] }
            }
          }
        }
      }
    }
    return t
  }
}
