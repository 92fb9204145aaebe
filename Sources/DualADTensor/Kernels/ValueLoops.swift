import DualAD

// Values without partials for the differentiating element types (`Dual`, `DualVector`,
// `Variable`, nested): each element goes through the type's own application of the rule
// (`T.applying`), which carries the derivative itself. Asking the kernel for partials as well
// would compute them twice, and for `Variable` record them only to drop them.

extension Loops {
  /// f(xᵢ) for every element, through `T`'s own function.
  static func values<T: ADScalar>(_ rule: UnaryPrimitive, _ x: [T]) -> [T] {
    x.map { rule.apply($0) }
  }

  /// f(aᵢ, bⱼ) over the broadcast layout, through `T`'s own function.
  static func values<T: ADScalar>(_ rule: BinaryPrimitive, _ a: [T], _ b: [T], _ layout: BroadcastLayout) -> [T] {
    var values: [T] = []
    values.reserveCapacity(layout.count)
    let inner = layout.inner, sa = layout.lhsInner, sb = layout.rhsInner
    layout.forEachRow { _, oa, ob in
      for j in 0..<inner { values.append(rule.apply(a[oa + j * sa], b[ob + j * sb])) }
    }
    return values
  }
}

extension UnaryPrimitive {
  /// f(x) through `T`'s application of this rule: for `Dual` and `Variable` one application of
  /// the rule table, so the derivative comes from there; for Double and Float the rule's value.
  package func apply<T: ADScalar>(_ x: T) -> T { T.applying(self, to: x) }
}

extension BinaryPrimitive {
  /// f(x, y) through `T`'s application of this rule; for atan2, x is the y coordinate.
  package func apply<T: ADScalar>(_ x: T, _ y: T) -> T {
    // xʸ of a differentiating type through its `pow`, where a constant exponent adds no ∂/∂y
    // (NaN at a negative base); a plain float takes the table's xʸ, defined at negative bases.
    if self == .pow, T.self != T.Primal.self { return T.pow(x, y) }
    return T.applying(self, x, y)
  }
}
