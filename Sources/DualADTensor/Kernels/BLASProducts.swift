import CBLAS
import DualAD

/// The element types whose matrix products run on OpenBLAS: `Double` (`dgemm`, `dgemv`, `ddot`)
/// and `Float` (`sgemm`, `sgemv`, `sdot`). Row-major, α = 1, β = 0.
protocol BLASScalar: ADScalar {
  /// C (m×n) = op(A)·op(B), with leading dimensions lda, ldb and n.
  static func gemm(
    _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, m: Int32, n: Int32, k: Int32,
    _ a: UnsafePointer<Self>, lda: Int32, _ b: UnsafePointer<Self>, ldb: Int32, _ c: UnsafeMutablePointer<Self>)
  /// y = op(A)·x for A stored rows×columns.
  static func gemv(
    _ trans: CBLAS_TRANSPOSE, rows: Int32, columns: Int32,
    _ a: UnsafePointer<Self>, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
  /// xᵀy over n elements.
  static func dot(_ n: Int32, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
}

extension Double: BLASScalar {
  static func gemm(
    _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, m: Int32, n: Int32, k: Int32,
    _ a: UnsafePointer<Double>, lda: Int32, _ b: UnsafePointer<Double>, ldb: Int32, _ c: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1, a, lda, b, ldb, 0, c, n)
  }

  static func gemv(
    _ trans: CBLAS_TRANSPOSE, rows: Int32, columns: Int32,
    _ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemv(CblasRowMajor, trans, rows, columns, 1, a, columns, x, 1, 0, y, 1)
  }

  static func dot(_ n: Int32, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
    cblas_ddot(n, x, 1, y, 1)
  }
}

extension Float: BLASScalar {
  static func gemm(
    _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, m: Int32, n: Int32, k: Int32,
    _ a: UnsafePointer<Float>, lda: Int32, _ b: UnsafePointer<Float>, ldb: Int32, _ c: UnsafeMutablePointer<Float>
  ) {
    cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, 1, a, lda, b, ldb, 0, c, n)
  }

  static func gemv(
    _ trans: CBLAS_TRANSPOSE, rows: Int32, columns: Int32,
    _ a: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>
  ) {
    cblas_sgemv(CblasRowMajor, trans, rows, columns, 1, a, columns, x, 1, 0, y, 1)
  }

  static func dot(_ n: Int32, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
    cblas_sdot(n, x, 1, y, 1)
  }
}

enum BLAS {
  /// op(A)·op(B), row-major, where op(A) is m×k and op(B) is k×n: A is stored m×k, or k×m when
  /// `transposeA`; B is stored k×n, or n×k when `transposeB`. A side of size 1 takes `gemv`, two
  /// take `dot`, so each rank case of `matmul` runs the routine made for it.
  ///
  /// Returns nil when a size does not fit BLAS's 32-bit integers; the caller then runs the loops.
  static func product<T: BLASScalar>(
    _ a: [T], _ b: [T], m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool
  ) -> [T]? {
    guard let m32 = Int32(exactly: m), let k32 = Int32(exactly: k), let n32 = Int32(exactly: n) else { return nil }
    var c = [T](repeating: 0, count: m * n)
    // An empty inner dimension leaves the zeros; BLAS would also refuse leading dimensions of 0.
    guard m > 0, n > 0, k > 0 else { return c }
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else { return }
          switch (m, n) {
          case (1, 1):
            // A vector's memory is the same whichever way it is read.
            pc.pointee = T.dot(k32, pa, pb)
          case (1, _):
            // (1×k)·op(B) = op(B)ᵀ·a: B stored k×n is read transposed, stored n×k as it is.
            T.gemv(transposeB ? CblasNoTrans : CblasTrans, rows: transposeB ? n32 : k32, columns: transposeB ? k32 : n32, pb, pa, pc)
          case (_, 1):
            // op(A)·(k×1): A stored m×k is read as it is, stored k×m transposed.
            T.gemv(transposeA ? CblasTrans : CblasNoTrans, rows: transposeA ? k32 : m32, columns: transposeA ? m32 : k32, pa, pb, pc)
          default:
            T.gemm(
              transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, m: m32, n: n32, k: k32,
              pa, lda: transposeA ? m32 : k32, pb, ldb: transposeB ? k32 : n32, pc)
          }
        }
      }
    }
    return c
  }
}
