import DualAD

/// Entry points of the element loops. Tensor methods are generic and, called from another
/// module, run unspecialized; each entry point checks once per call whether the element type is
/// `Double` or `Float` and, if so, calls the loop with the concrete type, so every element is
/// processed by specialized code. Other element types (`Dual<Double>`, `Variable<Double>`, ...) run
/// the generic loop.
///
/// The expression language evaluates on these entry points for every element type it
/// differentiates with, so an expression and a tensor computation share every value.
package enum Kernels {
  @inline(__always)
  static func cast<A, B>(_ array: [A], to _: B.Type = B.self) -> [B] {
    // Only called after checking that A and B are the same type.
    unsafeBitCast(array, to: [B].self)
  }

  @inline(__always)
  private static func cast<A, B>(_ value: A, to _: B.Type = B.self) -> B {
    unsafeBitCast(value, to: B.self)
  }

  static func add<T: ADScalar>(_ a: [T], _ b: [T]) -> [T] {
    if T.self == Double.self { return cast(Loops.add(cast(a, to: Double.self), cast(b, to: Double.self))) }
    if T.self == Float.self { return cast(Loops.add(cast(a, to: Float.self), cast(b, to: Float.self))) }
    return Loops.add(a, b)
  }

  static func multiply<T: ADScalar>(_ a: [T], _ b: [T]) -> [T] {
    if T.self == Double.self { return cast(Loops.multiply(cast(a, to: Double.self), cast(b, to: Double.self))) }
    if T.self == Float.self { return cast(Loops.multiply(cast(a, to: Float.self), cast(b, to: Float.self))) }
    return Loops.multiply(a, b)
  }

  static func scale<T: ADScalar>(_ a: [T], by s: T) -> [T] {
    if T.self == Double.self { return cast(Loops.scale(cast(a, to: Double.self), by: cast(s, to: Double.self))) }
    if T.self == Float.self { return cast(Loops.scale(cast(a, to: Float.self), by: cast(s, to: Float.self))) }
    return Loops.scale(a, by: s)
  }

  package static func unary<T: ADScalar>(_ rule: UnaryPrimitive, _ x: [T], partials: Bool) -> (values: [T], partials: [T]) {
    if T.self == Double.self {
      let r = Loops.unary(rule, cast(x, to: Double.self), partials: partials)
      return (cast(r.values), cast(r.partials))
    }
    if T.self == Float.self {
      let r = Loops.unary(rule, cast(x, to: Float.self), partials: partials)
      return (cast(r.values), cast(r.partials))
    }
    if !partials { return (Loops.values(rule, x), []) }
    return Loops.unary(rule, x, partials: partials)
  }

  package static func binary<T: ADScalar>(
    _ rule: BinaryPrimitive, _ a: [T], _ b: [T], _ layout: BroadcastLayout, dx: Bool, dy: Bool
  ) -> (values: [T], dx: [T], dy: [T]) {
    if T.self == Double.self {
      let r = Loops.binary(rule, cast(a, to: Double.self), cast(b, to: Double.self), layout, dx: dx, dy: dy)
      return (cast(r.values), cast(r.dx), cast(r.dy))
    }
    if T.self == Float.self {
      let r = Loops.binary(rule, cast(a, to: Float.self), cast(b, to: Float.self), layout, dx: dx, dy: dy)
      return (cast(r.values), cast(r.dx), cast(r.dy))
    }
    if !dx && !dy { return (Loops.values(rule, a, b, layout), [], []) }
    return Loops.binary(rule, a, b, layout, dx: dx, dy: dy)
  }

  static func sumToShape<T: ADScalar>(_ g: [T], layout: BroadcastLayout, lhs: Bool) -> [T] {
    if T.self == Double.self { return cast(Loops.sumToShape(cast(g, to: Double.self), layout: layout, lhs: lhs)) }
    if T.self == Float.self { return cast(Loops.sumToShape(cast(g, to: Float.self), layout: layout, lhs: lhs)) }
    return Loops.sumToShape(g, layout: layout, lhs: lhs)
  }

  /// op(A)·op(B) with op(A) m×k and op(B) k×n; A is stored transposed (k×m) when `transposeA`,
  /// B (n×k) when `transposeB`. `Double` and `Float` run on OpenBLAS; other element types
  /// (`Dual`, ...) transpose explicitly and run the loops.
  ///
  /// Products of fewer than ``loopProductLimit`` multiply-adds run the loops for every element
  /// type: OpenBLAS's call costs more than they do, and the loops round the same way for
  /// `Double`, `Dual` and `Variable`, so a small product's value is the same bits in every mode
  /// (OpenBLAS fuses multiply-adds: (1/0.4)·0.4 + (1/−0.7)·0.7 is 0 in the loops, 4.1e-17 in `ddot`).
  package static func matmul<T: ADScalar>(
    _ a: [T], _ b: [T], m: Int, k: Int, n: Int, transposeA: Bool = false, transposeB: Bool = false
  ) -> [T] {
    let small = m <= loopProductLimit && k <= loopProductLimit && n <= loopProductLimit
      && m * k * n < loopProductLimit
    if !small, T.self == Double.self, let c = BLAS.product(
      cast(a, to: Double.self), cast(b, to: Double.self), m: m, k: k, n: n, transposeA: transposeA, transposeB: transposeB) {
      return cast(c)
    }
    if !small, T.self == Float.self, let c = BLAS.product(
      cast(a, to: Float.self), cast(b, to: Float.self), m: m, k: k, n: n, transposeA: transposeA, transposeB: transposeB) {
      return cast(c)
    }
    let a = transposeA ? transpose(a, rows: k, columns: m) : a
    let b = transposeB ? transpose(b, rows: n, columns: k) : b
    if T.self == Double.self {
      return cast(Loops.matmul(cast(a, to: Double.self), cast(b, to: Double.self), m: m, k: k, n: n))
    }
    if T.self == Float.self {
      return cast(Loops.matmul(cast(a, to: Float.self), cast(b, to: Float.self), m: m, k: k, n: n))
    }
    return Loops.matmul(a, b, m: m, k: k, n: n)
  }

  /// The number of multiply-adds m·k·n below which ``matmul(_:_:m:k:n:transposeA:transposeB:)``
  /// runs the loops instead of OpenBLAS.
  static let loopProductLimit = 4_096

  static func transpose<T: ADScalar>(_ a: [T], rows: Int, columns: Int) -> [T] {
    if T.self == Double.self { return cast(Loops.transpose(cast(a, to: Double.self), rows: rows, columns: columns)) }
    if T.self == Float.self { return cast(Loops.transpose(cast(a, to: Float.self), rows: rows, columns: columns)) }
    return Loops.transpose(a, rows: rows, columns: columns)
  }

  package static func sum<T: ADScalar>(_ x: [T], _ layout: AxisLayout) -> [T] {
    if T.self == Double.self { return cast(Loops.sum(cast(x, to: Double.self), layout)) }
    if T.self == Float.self { return cast(Loops.sum(cast(x, to: Float.self), layout)) }
    return Loops.sum(x, layout)
  }

  /// (1/n)·Σ along the middle dimension of the layout, n its size: the sum times the rounded
  /// reciprocal, as PyTorch's `mean`.
  package static func mean<T: ADScalar>(_ x: [T], _ layout: AxisLayout) -> [T] {
    scale(sum(x, layout), by: T(1 / T.Primal(layout.size)))
  }

  static func expand<T: ADScalar>(_ g: [T], _ layout: AxisLayout, scale: T) -> [T] {
    if T.self == Double.self {
      return cast(Loops.expand(cast(g, to: Double.self), layout, scale: cast(scale, to: Double.self)))
    }
    if T.self == Float.self {
      return cast(Loops.expand(cast(g, to: Float.self), layout, scale: cast(scale, to: Float.self)))
    }
    return Loops.expand(g, layout, scale: scale)
  }

  package static func logsumexp<T: ADScalar>(_ x: [T], _ layout: AxisLayout, partials: Bool) -> (values: [T], partials: [T]) {
    if T.self == Double.self {
      let r = Loops.logsumexp(cast(x, to: Double.self), layout, partials: partials)
      return (cast(r.values), cast(r.partials))
    }
    if T.self == Float.self {
      let r = Loops.logsumexp(cast(x, to: Float.self), layout, partials: partials)
      return (cast(r.values), cast(r.partials))
    }
    return Loops.logsumexp(x, layout, partials: partials)
  }

  package static func binaryCrossEntropyWithLogits<T: ADScalar>(
    _ z: [T], _ y: [T], dz: Bool, dy: Bool
  ) -> (values: [T], dz: [T], dy: [T]) {
    if T.self == Double.self {
      let r: (values: [Double], dz: [Double], dy: [Double]) = Loops.binaryCrossEntropyWithLogits(
        cast(z, to: Double.self), cast(y, to: Double.self), dz: dz, dy: dy)
      return (cast(r.values), cast(r.dz), cast(r.dy))
    }
    if T.self == Float.self {
      let r = Loops.binaryCrossEntropyWithLogits(cast(z, to: Float.self), cast(y, to: Float.self), dz: dz, dy: dy)
      return (cast(r.values), cast(r.dz), cast(r.dy))
    }
    return Loops.binaryCrossEntropyWithLogits(z, y, dz: dz, dy: dy)
  }
}

extension Kernels {
  /// `batch` products op(A)·op(B), entry by entry, with the shapes and storage of ``matmul(_:_:m:k:n:transposeA:transposeB:)``
  /// for each entry; the entries follow one another in `a`, `b` and the result.
  static func batchedMatmul<T: ADScalar>(
    _ a: [T], _ b: [T], batch: Int, m: Int, k: Int, n: Int, transposeA: Bool = false, transposeB: Bool = false
  ) -> [T] {
    guard batch > 1 else { return matmul(a, b, m: m, k: k, n: n, transposeA: transposeA, transposeB: transposeB) }
    if T.self == Double.self, let c = BLAS.batchedProduct(
      cast(a, to: Double.self), cast(b, to: Double.self), batch: batch, m: m, k: k, n: n,
      transposeA: transposeA, transposeB: transposeB) {
      return cast(c)
    }
    if T.self == Float.self, let c = BLAS.batchedProduct(
      cast(a, to: Float.self), cast(b, to: Float.self), batch: batch, m: m, k: k, n: n,
      transposeA: transposeA, transposeB: transposeB) {
      return cast(c)
    }
    var c: [T] = []
    c.reserveCapacity(batch * m * n)
    for entry in 0..<batch {
      let aEntry = Array(a[entry * m * k ..< (entry + 1) * m * k])
      let bEntry = Array(b[entry * k * n ..< (entry + 1) * k * n])
      c += matmul(aEntry, bEntry, m: m, k: k, n: n, transposeA: transposeA, transposeB: transposeB)
    }
    return c
  }
}
