import CBLAS
import DualAD

/// CBLAS's `?gemm`: C = α·op(A)·op(B) + β·C (order, op(A), op(B), m, n, k, α, A, lda, B, ldb, β, C, ldc).
typealias GEMM<T> = (
  CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, T, UnsafePointer<T>?, Int32,
  UnsafePointer<T>?, Int32, T, UnsafeMutablePointer<T>?, Int32
) -> Void
/// CBLAS's `?gemv`: y = α·op(A)·x + β·y (order, op(A), rows, columns, α, A, lda, x, incx, β, y, incy).
typealias GEMV<T> = (
  CBLAS_ORDER, CBLAS_TRANSPOSE, Int32, Int32, T, UnsafePointer<T>?, Int32, UnsafePointer<T>?, Int32, T,
  UnsafeMutablePointer<T>?, Int32
) -> Void
/// CBLAS's `?dot`: xᵀy (n, x, incx, y, incy).
typealias DOT<T> = (Int32, UnsafePointer<T>?, Int32, UnsafePointer<T>?, Int32) -> T

/// The element types whose matrix products run on OpenBLAS: `Double` and `Float`.
protocol BLASScalar: ADScalar {
  static var gemm: GEMM<Self> { get }
  static var gemv: GEMV<Self> { get }
  static var dot: DOT<Self> { get }
}

extension Double: BLASScalar {
  static var gemm: GEMM<Double> { cblas_dgemm }
  static var gemv: GEMV<Double> { cblas_dgemv }
  static var dot: DOT<Double> { cblas_ddot }
}

extension Float: BLASScalar {
  static var gemm: GEMM<Float> { cblas_sgemm }
  static var gemv: GEMV<Float> { cblas_sgemv }
  static var dot: DOT<Float> { cblas_sdot }
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
    // An empty inner dimension gives zeros; BLAS would also refuse leading dimensions of 0.
    guard m > 0, n > 0, k > 0 else { return [T](repeating: 0, count: m * n) }
    // With β = 0, dot, gemv and gemm write every element of C without reading it.
    var c = [T](toBeWrittenCount: m * n)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else { return }
          switch (m, n) {
          case (1, 1):
            // A vector's memory is the same whichever way it is read.
            pc.pointee = T.dot(k32, pa, 1, pb, 1)
          case (1, _):
            // (1×k)·op(B) = op(B)ᵀ·a: B stored k×n is read transposed, stored n×k as it is.
            let (rows, columns) = transposeB ? (n32, k32) : (k32, n32)
            T.gemv(CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, rows, columns, 1, pb, columns, pa, 1, 0, pc, 1)
          case (_, 1):
            // op(A)·(k×1): A stored m×k is read as it is, stored k×m transposed.
            let (rows, columns) = transposeA ? (k32, m32) : (m32, k32)
            T.gemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, rows, columns, 1, pa, columns, pb, 1, 0, pc, 1)
          default:
            T.gemm(
              CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
              m32, n32, k32, 1, pa, transposeA ? m32 : k32, pb, transposeB ? k32 : n32, 0, pc, n32)
          }
        }
      }
    }
    return c
  }

  /// `batch` products op(A)·op(B) with the shapes of ``product(_:_:m:k:n:transposeA:transposeB:)``,
  /// entry after entry in `a`, `b` and the result, each one `gemm` on its part of the buffers.
  ///
  /// Returns nil when a size does not fit BLAS's 32-bit integers or an entry is a vector
  /// (m or n of 1); the caller then takes the products one by one.
  static func batchedProduct<T: BLASScalar>(
    _ a: [T], _ b: [T], batch: Int, m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool
  ) -> [T]? {
    guard let m32 = Int32(exactly: m), let k32 = Int32(exactly: k), let n32 = Int32(exactly: n), m > 1, n > 1,
      a.count == batch * m * k, b.count == batch * k * n
    else { return nil }
    guard k > 0 else { return [T](repeating: 0, count: batch * m * n) }
    // With β = 0, gemm writes every element of each entry's C without reading it.
    var c = [T](toBeWrittenCount: batch * m * n)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else { return }
          for entry in 0..<batch {
            T.gemm(
              CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
              m32, n32, k32, 1, pa + entry * m * k, transposeA ? m32 : k32, pb + entry * k * n, transposeB ? k32 : n32,
              0, pc + entry * m * n, n32)
          }
        }
      }
    }
    return c
  }
}
