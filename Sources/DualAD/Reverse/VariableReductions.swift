extension Variable {
  /// Σₖ xₖ as one node with every recorded term as a parent (partial 1 each).
  @inlinable
  public static func sum(_ x: [Self]) -> Self {
    x.withUnsafeBufferPointer { x in
      let value: Value
      if Value.self == Primal.self {
        var total: Value = 0
        for v in x { total += v.value }
        value = total
      } else {
        value = Value.sum(x.map(\.value))
      }
      return combining(value: value, count: x.count) { k in (x[k], 1) }
    }
  }

  /// Σₖ aₖbₖ as one node with every recorded element of both arrays as a parent:
  /// ∂/∂aₖ = bₖ, ∂/∂bₖ = aₖ (values of the tape's type, so exact at every order). For
  /// `dot(a, a)` each element is one parent with partial 2aₖ.
  @inlinable
  public static func dot(_ a: [Self], _ b: [Self]) -> Self {
    guard a.count == b.count else { return mismatchedDot(a, b) }
    let value = Value.self == Primal.self
      ? a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          var total: Value = 0
          for k in 0..<a.count { total += a[k].value * b[k].value }
          return total
        }
      }
      : Value.dot(a.map(\.value), b.map(\.value))
    return a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        let n = a.count
        if a.baseAddress == b.baseAddress {
          return combining(value: value, count: n) { k in (a[k], 2 * a[k].value) }
        }
        return combining(value: value, count: 2 &* n) { k in
          k < n ? (a[k], b[k].value) : (b[k &- n], a[k &- n].value)
        }
      }
    }
  }

  /// NaN, not recorded: the live tape of the first recorded element remembers the mismatch, so
  /// that its operators throw; a finished tape's result stays stale.
  @inlinable @inline(never)
  static func mismatchedDot(_ a: [Self], _ b: [Self]) -> Self {
    let nan = Value(Primal.nan)
    guard let tape = (a + b).first(where: \.tape.isRecorded)?.tape else { return Variable(constant: nan) }
    if let s = liveStorage(tape) { s.pointee.remember(.dotLengthMismatch(lhs: a.count, rhs: b.count)) }
    return Variable(unrecorded: nan, tape: tape)
  }
}
