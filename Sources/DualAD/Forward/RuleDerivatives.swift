// Higher derivatives of the rule table, by forward mode over the table itself: the derivative
// of order n + 1 is the tangent of order n evaluated at a dual number. No rule is written again,
// so a tensor's second (or third) derivative comes from the same line as its first.

extension UnaryPrimitive {
  /// f⁽ⁿ⁾(x): f itself for n = 0, the table's partial f′ for n = 1, and for n ≥ 2 the derivative
  /// of f⁽ⁿ⁻¹⁾ taken forward, as the tangent of f⁽ⁿ⁻¹⁾(x + ε).
  package func derivative<V: ADScalar>(order n: Int, at x: V) -> V {
    switch n {
    case ...0: return evaluate(x).value
    case 1: return evaluate(x).partial
    default: return derivative(order: n - 1, at: Dual(value: x, tangent: 1)).tangent
    }
  }
}

/// The orders of a partial derivative of a function of two arguments: ∂^(x+y)f / ∂aˣ ∂bʸ.
package struct PartialOrders: Hashable, Sendable {
  package var x: Int
  package var y: Int

  package init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  /// The total order x + y.
  package var total: Int { x + y }
  /// One more derivative with respect to the first operand.
  package var nextX: PartialOrders { PartialOrders(x: x + 1, y: y) }
  /// One more derivative with respect to the second operand.
  package var nextY: PartialOrders { PartialOrders(x: x, y: y + 1) }
}

extension BinaryPrimitive {
  /// ∂^(p+q)f/∂aᵖ∂bq at (a, b): the table's dx or dy at total order 1, and above that the
  /// derivative of a lower order taken forward along a or along b.
  package func derivative<V: ADScalar>(orders: PartialOrders, at a: V, _ b: V) -> V {
    switch (orders.x, orders.y) {
    case (...0, ...0): return evaluate(a, b).value
    case (1, 0): return evaluate(a, b).dx
    case (0, 1): return evaluate(a, b).dy
    case (let p, let q) where p >= 1:
      let lower = derivative(
        orders: PartialOrders(x: p - 1, y: q), at: Dual(value: a, tangent: 1), Dual(value: b, tangent: 0))
      return lower.tangent
    case (let p, let q):
      let lower = derivative(
        orders: PartialOrders(x: p, y: q - 1), at: Dual(value: a, tangent: 0), Dual(value: b, tangent: 1))
      return lower.tangent
    }
  }
}
