import DualAD

/// The element loops of tensor operations, generic over the element type. ``Kernels`` calls
/// them with `Double` and `Float` spelled out, so the optimizer emits tight, vectorizable
/// versions for those types.
enum Loops {
  static func add<T: ADScalar>(_ a: [T], _ b: [T]) -> [T] {
    var out = a
    out.withUnsafeMutableBufferPointer { o in
      b.withUnsafeBufferPointer { b in
        for i in 0..<min(o.count, b.count) { o[i] += b[i] }
      }
    }
    return out
  }

  static func multiply<T: ADScalar>(_ a: [T], _ b: [T]) -> [T] {
    var out = a
    out.withUnsafeMutableBufferPointer { o in
      b.withUnsafeBufferPointer { b in
        for i in 0..<min(o.count, b.count) { o[i] *= b[i] }
      }
    }
    return out
  }

  static func scale<T: ADScalar>(_ a: [T], by s: T) -> [T] {
    var out = a
    out.withUnsafeMutableBufferPointer { o in
      for i in 0..<o.count { o[i] *= s }
    }
    return out
  }

  /// f(xᵢ) and, when asked, f′(xᵢ), both from the rule table.
  static func unary<T: ADScalar>(_ rule: UnaryPrimitive, _ x: [T], partials: Bool) -> (values: [T], partials: [T]) {
    let n = x.count
    // Every index is written below.
    var values = [T](toBeWrittenCount: n)
    var derivatives = [T](toBeWrittenCount: partials ? n : 0)
    x.withUnsafeBufferPointer { x in
      values.withUnsafeMutableBufferPointer { v in
        derivatives.withUnsafeMutableBufferPointer { d in
          if partials {
            for i in 0..<n {
              let (y, p) = rule.evaluate(x[i])
              v[i] = y
              d[i] = p
            }
          } else {
            for i in 0..<n { v[i] = rule.evaluate(x[i]).value }
          }
        }
      }
    }
    return (values, derivatives)
  }

  /// f(aᵢ, bⱼ) over the broadcast layout and, when asked, ∂f/∂a and ∂f/∂b, from the rule table.
  /// The arithmetic rules get a loop each, with the rule a constant inside it: the switch in
  /// `evaluate` folds away and the loop vectorizes.
  static func binary<T: ADScalar>(
    _ rule: BinaryPrimitive, _ a: [T], _ b: [T], _ layout: BroadcastLayout, dx: Bool, dy: Bool
  ) -> (values: [T], dx: [T], dy: [T]) {
    switch rule {
    case .add: return binaryLoop(.add, a, b, layout, dx: dx, dy: dy)
    case .subtract: return binaryLoop(.subtract, a, b, layout, dx: dx, dy: dy)
    case .multiply: return binaryLoop(.multiply, a, b, layout, dx: dx, dy: dy)
    case .divide: return binaryLoop(.divide, a, b, layout, dx: dx, dy: dy)
    default: return binaryLoop(rule, a, b, layout, dx: dx, dy: dy)
    }
  }

  @inline(__always)
  private static func binaryLoop<T: ADScalar>(
    _ rule: BinaryPrimitive, _ a: [T], _ b: [T], _ layout: BroadcastLayout, dx: Bool, dy: Bool
  ) -> (values: [T], dx: [T], dy: [T]) {
    let n = layout.count
    // forEachRow visits every row of the result once: each of the n elements is written.
    var values = [T](toBeWrittenCount: n)
    var partialsX = [T](toBeWrittenCount: dx ? n : 0)
    var partialsY = [T](toBeWrittenCount: dy ? n : 0)
    let inner = layout.inner, sa = layout.lhsInner, sb = layout.rhsInner
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        values.withUnsafeMutableBufferPointer { v in
          partialsX.withUnsafeMutableBufferPointer { px in
            partialsY.withUnsafeMutableBufferPointer { py in
              layout.forEachRow { o, oa, ob in
                if sa == 1 && sb == 1 {
                  // Both operands step along the row: the loop runs on rebased buffers, whose
                  // indices need no offset (and no overflow check), so it vectorizes.
                  let a = UnsafeBufferPointer(rebasing: a[oa ..< oa + inner])
                  let b = UnsafeBufferPointer(rebasing: b[ob ..< ob + inner])
                  let v = UnsafeMutableBufferPointer(rebasing: v[o ..< o + inner])
                  if dx || dy {
                    let px = UnsafeMutableBufferPointer(rebasing: px[dx ? o ..< o + inner : 0 ..< 0])
                    let py = UnsafeMutableBufferPointer(rebasing: py[dy ? o ..< o + inner : 0 ..< 0])
                    for j in 0..<inner {
                      let (y, gx, gy) = rule.evaluate(a[j], b[j])
                      v[j] = y
                      if dx { px[j] = gx }
                      if dy { py[j] = gy }
                    }
                  } else {
                    for j in 0..<inner { v[j] = rule.evaluate(a[j], b[j]).value }
                  }
                } else if dx && dy {
                  for j in 0..<inner {
                    (v[o + j], px[o + j], py[o + j]) = rule.evaluate(a[oa + j * sa], b[ob + j * sb])
                  }
                } else if dx {
                  for j in 0..<inner { (v[o + j], px[o + j], _) = rule.evaluate(a[oa + j * sa], b[ob + j * sb]) }
                } else if dy {
                  for j in 0..<inner { (v[o + j], _, py[o + j]) = rule.evaluate(a[oa + j * sa], b[ob + j * sb]) }
                } else {
                  for j in 0..<inner { v[o + j] = rule.evaluate(a[oa + j * sa], b[ob + j * sb]).value }
                }
              }
            }
          }
        }
      }
    }
    return (values, partialsX, partialsY)
  }

  /// Sums a result-shaped gradient down to one operand's shape (the adjoint of broadcasting).
  ///
  /// The first row that reaches an element assigns it and later rows add to it, so the result
  /// is not zeroed first. Every element is reached: a result with elements has every dimension
  /// at least the operand's, and an operand row (step 1) is always reached whole.
  static func sumToShape<T: ADScalar>(_ g: [T], layout: BroadcastLayout, lhs: Bool) -> [T] {
    let shape = lhs ? layout.lhsShape : layout.rhsShape
    let count = shape.reduce(1, *)
    guard layout.count > 0 else { return [T](repeating: 0, count: count) }
    var result = [T](toBeWrittenCount: count)
    var reached = [Bool](repeating: false, count: count)
    let inner = layout.inner, step = lhs ? layout.lhsInner : layout.rhsInner
    g.withUnsafeBufferPointer { g in
      result.withUnsafeMutableBufferPointer { t in
        reached.withUnsafeMutableBufferPointer { reached in
          layout.forEachRow { o, oa, ob in
            let base = lhs ? oa : ob
            let first = !reached[base]
            reached[base] = true
            if step == 0 {
              let rowTotal = total(g, from: o, count: inner)
              if first { t[base] = rowTotal } else { t[base] += rowTotal }
            } else if first {
              copy(g, from: o, into: t, at: base, count: inner)
            } else {
              accumulate(g, from: o, into: t, at: base, count: inner)
            }
          }
        }
      }
    }
    return result
  }

  /// t[to ..< to + count] = g[from ..< from + count], on rebased buffers as in ``accumulate``.
  @inline(never)
  static func copy<T: ADScalar>(
    _ g: UnsafeBufferPointer<T>, from: Int, into t: UnsafeMutableBufferPointer<T>, at to: Int, count: Int
  ) {
    let source = UnsafeBufferPointer(rebasing: g[from ..< from + count])
    let target = UnsafeMutableBufferPointer(rebasing: t[to ..< to + count])
    for j in 0..<count { target[j] = source[j] }
  }

  /// t[to ..< to + count] += g[from ..< from + count]. The loop runs on rebased buffers passed
  /// in: with offsets added inside it (overflow checks) or buffers captured by a closure
  /// (reloaded after every store), LLVM leaves it scalar.
  @inline(never)
  static func accumulate<T: ADScalar>(
    _ g: UnsafeBufferPointer<T>, from: Int, into t: UnsafeMutableBufferPointer<T>, at to: Int, count: Int
  ) {
    let source = UnsafeBufferPointer(rebasing: g[from ..< from + count])
    let target = UnsafeMutableBufferPointer(rebasing: t[to ..< to + count])
    for j in 0..<count { target[j] += source[j] }
  }
}
