import DualAD

// The loops ``Kernels`` does not specialize for Double and Float, called directly as `Loops.…`:
// the higher derivatives of the rule table, needed only by a recorded backward pass
// (createGraph), and the copies that expand, slice and embed elements without arithmetic.

extension Loops {
  /// f⁽ⁿ⁾(xᵢ) for every element.
  static func derivative<T: ADScalar>(_ rule: UnaryPrimitive, order: Int, _ x: [T]) -> [T] {
    x.map { rule.derivative(order: order, at: $0) }
  }

  /// ∂^(p+q)f/∂aᵖ∂bq at (aᵢ, bⱼ) over the broadcast layout.
  static func derivative<T: ADScalar>(
    _ rule: BinaryPrimitive, orders: PartialOrders, _ a: [T], _ b: [T], _ layout: BroadcastLayout
  ) -> [T] {
    var out = [T](repeating: 0, count: layout.count)
    let inner = layout.inner, sa = layout.lhsInner, sb = layout.rhsInner
    out.withUnsafeMutableBufferPointer { out in
      layout.forEachRow { o, oa, ob in
        for j in 0..<inner { out[o + j] = rule.derivative(orders: orders, at: a[oa + j * sa], b[ob + j * sb]) }
      }
    }
    return out
  }

  /// One operand's values copied to every position of the broadcast result (PyTorch's `expand`).
  static func broadcast<T: ADScalar>(_ x: [T], _ layout: BroadcastLayout, lhs: Bool) -> [T] {
    var out = [T](repeating: 0, count: layout.count)
    let inner = layout.inner, step = lhs ? layout.lhsInner : layout.rhsInner
    out.withUnsafeMutableBufferPointer { out in
      layout.forEachRow { o, oa, ob in
        let base = lhs ? oa : ob
        for j in 0..<inner { out[o + j] = x[base + j * step] }
      }
    }
    return out
  }

  /// The slice at `index` of the middle dimension of `layout`.
  static func slice<T: ADScalar>(_ x: [T], _ layout: AxisLayout, index: Int) -> [T] {
    var values: [T] = []
    values.reserveCapacity(layout.outer * layout.inner)
    for o in 0..<layout.outer {
      let start = (o * layout.size + index) * layout.inner
      values.append(contentsOf: x[start..<(start + layout.inner)])
    }
    return values
  }

  /// Zeros of the layout's full shape with `slice` at `index` of the middle dimension: the
  /// adjoint of ``slice(_:_:index:)``.
  static func embed<T: ADScalar>(_ slice: [T], _ layout: AxisLayout, index: Int) -> [T] {
    var out = [T](repeating: 0, count: layout.outer * layout.size * layout.inner)
    for o in 0..<layout.outer {
      let start = (o * layout.size + index) * layout.inner
      for j in 0..<layout.inner { out[start + j] = slice[o * layout.inner + j] }
    }
    return out
  }
}
