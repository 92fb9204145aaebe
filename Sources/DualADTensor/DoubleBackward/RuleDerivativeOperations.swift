import DualAD

// The partials of the rule table as recorded tensor operations. The recorded pullback of an
// elementwise operation multiplies ḡ by one of these, and each of them differentiates into the
// next order of the same rule (see `UnaryPrimitive.derivative(order:at:)`), so derivatives of
// any order come from the one table.

extension Tensor {
  /// f⁽ⁿ⁾(x) elementwise for n ≥ 1, recorded; its pullback is x̄ = f⁽ⁿ⁺¹⁾(x) ⊙ ḡ.
  /// The node is named as PyTorch names double-backward nodes: `SinBackwardBackward0` for cos x.
  func ruleDerivative(_ rule: UnaryPrimitive, order: Int) -> Tensor {
    let values = order == 1
      ? Kernels.unary(rule, scalars, partials: true).partials : Loops.derivative(rule, order: order, scalars)
    return Tensor.result(values, shape: shape, inputs: [self]) { edges in
      GradFn(
        name: derivativeNodeName(rule.backwardName, order: order), inputs: edges, saved: [self],
        pullback: { g, saved in
          [saved.first.map { Kernels.multiply(Loops.derivative(rule, order: order + 1, $0.scalars), g) }]
        },
        recordedPullback: { g, saved, _ throws(TensorError) in
          guard let x = saved.first else { return [nil] }
          return [try g * x.ruleDerivative(rule, order: order + 1)]
        })
    }
  }

  /// ∂^(p+q)f/∂aᵖ∂bq elementwise after broadcasting a and b, for p + q ≥ 1, recorded; its
  /// pullbacks are ā = Σ_broadcast ∂^(p+q+1)f/∂aᵖ⁺¹∂bq ⊙ ḡ and b̄ likewise.
  ///
  /// - Throws: ``TensorError/broadcastMismatch(lhs:rhs:)`` when the shapes do not broadcast.
  static func ruleDerivative(_ rule: BinaryPrimitive, orders: PartialOrders, _ a: Tensor, _ b: Tensor)
    throws(TensorError) -> Tensor
  {
    let layout = try resultLayout(a.shape, b.shape)
    let values: [Scalar]
    if orders == PartialOrders(x: 1, y: 0) {
      values = Kernels.binary(rule, a.scalars, b.scalars, layout, dx: true, dy: false).dx
    } else if orders == PartialOrders(x: 0, y: 1) {
      values = Kernels.binary(rule, a.scalars, b.scalars, layout, dx: false, dy: true).dy
    } else {
      values = Loops.derivative(rule, orders: orders, a.scalars, b.scalars, layout)
    }
    let name = derivativeNodeName(rule.backwardName(), order: orders.total)
    return Tensor.result(values, shape: layout.outputShape, inputs: [a, b]) { edges in
      GradFn(
        name: name, inputs: edges, saved: [a, b],
        pullback: { g, saved in
          guard saved.count == 2 else { return [nil, nil] }
          let (a, b) = (saved[0].scalars, saved[1].scalars)
          func pullback(_ next: PartialOrders, lhs: Bool) -> [Scalar] {
            let partial = Loops.derivative(rule, orders: next, a, b, layout)
            return Kernels.sumToShape(Kernels.multiply(partial, g), layout: layout, lhs: lhs)
          }
          return [
            edges[0] == nil ? nil : pullback(orders.nextX, lhs: true),
            edges[1] == nil ? nil : pullback(orders.nextY, lhs: false),
          ]
        },
        recordedPullback: { g, saved, _ throws(TensorError) in
          guard saved.count == 2 else { return [nil, nil] }
          let (a, b) = (saved[0], saved[1])
          return [
            edges[0] == nil
              ? nil : try (g * ruleDerivative(rule, orders: orders.nextX, a, b)).summed(to: layout, lhs: true),
            edges[1] == nil
              ? nil : try (g * ruleDerivative(rule, orders: orders.nextY, a, b)).summed(to: layout, lhs: false),
          ]
        })
    }
  }
}

/// PyTorch's name for the node of a derivative of order n of an operation named `name`:
/// `SigmoidBackward0` gives `SigmoidBackwardBackward0` for n = 1.
func derivativeNodeName(_ name: String, order: Int) -> String {
  var stem = Substring(name)
  while let last = stem.last, last.isNumber { stem = stem.dropLast() }
  if stem.hasSuffix("Backward") { stem = stem.dropLast("Backward".count) }
  return stem + String(repeating: "Backward", count: order + 1) + "0"
}
