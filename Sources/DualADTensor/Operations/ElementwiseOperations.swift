import DualAD

// Elementwise operations: every value and every local partial comes from the rule table
// (UnaryPrimitive, BinaryPrimitive); the tensor code only loops, broadcasts and chains.

extension Tensor {
  /// f(x) applied to every element, for any primitive of the rule table; the node's pullback is
  /// x̄ = f′(x) ⊙ ḡ, with f′(x) saved from the forward pass.
  ///
  /// ```swift
  /// let y = x.applying(.tanh)   // gradFn: TanhBackward0
  /// ```
  public func applying(_ rule: UnaryPrimitive) -> Tensor {
    let records = Tensor.recordsGradient(self)
    if case .negate = rule {
      // A constant partial: nothing to save per element.
      let (values, _) = Kernels.unary(rule, scalars, partials: false)
      let partial = rule.evaluate(Scalar(0)).partial
      return Tensor.result(values, shape: shape, inputs: [self]) { edges in
        GradFn(
          name: rule.backwardName, inputs: edges,
          pullback: { g, _ in [Kernels.scale(g, by: partial)] },
          recordedPullback: { g, _, _ in [g * partial] })
      }
    }
    let (values, partials) = Kernels.unary(rule, scalars, partials: records)
    let shape = self.shape
    return Tensor.result(values, shape: shape, inputs: [self]) { edges in
      // The recorded pullback needs x itself: its partial f′(x) is differentiated again.
      GradFn(
        name: rule.backwardName, inputs: edges, saved: [Tensor(storage: partials, shape: shape)], operands: [self],
        pullback: { g, saved in [saved.first.map { Kernels.multiply($0.scalars, g) }] },
        recordedPullback: { g, _, operands throws(TensorError) in
          guard let x = operands.first else { return [nil] }
          return [try g * x.ruleDerivative(rule, order: 1)]
        })
    }
  }

  /// f(a, b) applied elementwise after broadcasting a and b, for any binary primitive of the
  /// rule table; the pullbacks are ā = Σ_broadcast ∂f/∂a ⊙ ḡ and b̄ = Σ_broadcast ∂f/∂b ⊙ ḡ.
  ///
  /// - Throws: ``TensorError/broadcastMismatch(lhs:rhs:)`` when the shapes do not broadcast,
  ///   ``TensorError/cannotAllocate(shape:bytes:limit:)`` when the result exceeds `StorageLimit.bytes`.
  public func applying(_ rule: BinaryPrimitive, _ other: Tensor) throws(TensorError) -> Tensor {
    let layout = try Tensor.resultLayout(shape, other.shape)
    let name = rule.backwardName(tensorExponent: other.count != 1 || other.requiresGrad)
    let recordsX = Tensor.recordsGradient(self), recordsY = Tensor.recordsGradient(other)
    switch rule {
    case .add, .subtract:
      // Linear: the partials do not depend on the operands, so none are saved.
      let (values, _, _) = Kernels.binary(rule, scalars, other.scalars, layout, dx: false, dy: false)
      let partials = rule.evaluate(Scalar(0), Scalar(0))
      return Tensor.result(values, shape: layout.outputShape, inputs: [self, other]) { edges in
        GradFn(
          name: name, inputs: edges,
          pullback: { g, _ in
            [
              edges[0] == nil ? nil : Tensor.unbroadcast(g, scale: partials.dx, layout, lhs: true),
              edges[1] == nil ? nil : Tensor.unbroadcast(g, scale: partials.dy, layout, lhs: false),
            ]
          },
          recordedPullback: { g, _, _ throws(TensorError) in
            [
              edges[0] == nil ? nil : try (partials.dx == 1 ? g : g * partials.dx).summed(to: layout, lhs: true),
              edges[1] == nil ? nil : try (partials.dy == 1 ? g : g * partials.dy).summed(to: layout, lhs: false),
            ]
          })
      }
    case .multiply where recordsX || recordsY:
      // ∂(ab)/∂a = b and ∂(ab)/∂b = a: the operands are saved as they are, as PyTorch's
      // MulBackward0 saves them, not as broadcast copies of the result's size; ā = Σ ḡ ⊙ b
      // and b̄ = Σ ḡ ⊙ a are formed in the backward pass.
      let (values, _, _) = Kernels.binary(rule, scalars, other.scalars, layout, dx: false, dy: false)
      let outputShape = layout.outputShape
      var saved: [Tensor] = []
      if recordsX { saved.append(Tensor(storage: other.scalars, shape: other.shape)) }
      if recordsY { saved.append(Tensor(storage: scalars, shape: shape)) }
      // ḡ (the result's shape) against each saved factor: the factor broadcasts to it.
      let timesRhs = try BroadcastLayout(outputShape, other.shape), timesLhs = try BroadcastLayout(outputShape, shape)
      return Tensor.result(values, shape: outputShape, inputs: [self, other]) { edges in
        GradFn(
          name: name, inputs: edges, saved: saved, operands: [self, other],
          pullback: { g, saved in
            var next = saved.makeIterator()
            let gx = recordsX ? next.next().map { Tensor.productSummed(g, $0.scalars, timesRhs, layout, lhs: true) } : nil
            let gy = recordsY ? next.next().map { Tensor.productSummed(g, $0.scalars, timesLhs, layout, lhs: false) } : nil
            return [gx, gy]
          },
          recordedPullback: { g, _, operands throws(TensorError) in
            guard operands.count == 2 else { return [nil, nil] }
            let (a, b) = (operands[0], operands[1])
            return [
              recordsX ? try (g * b).summed(to: layout, lhs: true) : nil,
              recordsY ? try (g * a).summed(to: layout, lhs: false) : nil,
            ]
          })
      }
    default:
      let (values, dx, dy) = Kernels.binary(rule, scalars, other.scalars, layout, dx: recordsX, dy: recordsY)
      let outputShape = layout.outputShape
      var saved: [Tensor] = []
      if recordsX { saved.append(Tensor(storage: dx, shape: outputShape)) }
      if recordsY { saved.append(Tensor(storage: dy, shape: outputShape)) }
      return Tensor.result(values, shape: outputShape, inputs: [self, other]) { edges in
        // The recorded pullback needs both operands, even one that does not require grad:
        // ∂f/∂a depends on b.
        GradFn(
          name: name, inputs: edges, saved: saved, operands: [self, other],
          pullback: { g, saved in
            var next = saved.makeIterator()
            let gx = recordsX ? next.next().map { Kernels.sumToShape(Kernels.multiply($0.scalars, g), layout: layout, lhs: true) } : nil
            let gy = recordsY ? next.next().map { Kernels.sumToShape(Kernels.multiply($0.scalars, g), layout: layout, lhs: false) } : nil
            return [gx, gy]
          },
          recordedPullback: { g, _, operands throws(TensorError) in
            guard operands.count == 2 else { return [nil, nil] }
            let (a, b) = (operands[0], operands[1])
            let ga = recordsX
              ? try (g * Tensor.ruleDerivative(rule, orders: PartialOrders(x: 1, y: 0), a, b)).summed(to: layout, lhs: true)
              : nil
            let gb = recordsY
              ? try (g * Tensor.ruleDerivative(rule, orders: PartialOrders(x: 0, y: 1), a, b)).summed(to: layout, lhs: false)
              : nil
            return [ga, gb]
          })
      }
    }
  }

  /// ḡ ⊙ f summed down to one operand's shape, where f is the other operand of a product over
  /// `layout` and `productLayout` lays ḡ against f: the same products, in the same order, as
  /// ḡ times f's broadcast copy.
  private static func productSummed(
    _ g: [Scalar], _ factor: [Scalar], _ productLayout: BroadcastLayout, _ layout: BroadcastLayout, lhs: Bool
  ) -> [Scalar] {
    let product = Kernels.binary(.multiply, g, factor, productLayout, dx: false, dy: false).values
    return (lhs ? layout.lhsShape : layout.rhsShape) == layout.outputShape
      ? product : Kernels.sumToShape(product, layout: layout, lhs: lhs)
  }

  /// c·ḡ summed down to one operand's shape.
  private static func unbroadcast(_ g: [Scalar], scale c: Scalar, _ layout: BroadcastLayout, lhs: Bool) -> [Scalar] {
    let scaled = c == 1 ? g : Kernels.scale(g, by: c)
    // An operand that was not broadcast takes ḡ as it is.
    return (lhs ? layout.lhsShape : layout.rhsShape) == layout.outputShape
      ? scaled : Kernels.sumToShape(scaled, layout: layout, lhs: lhs)
  }

  /// A rank-0 constant of this tensor's element type.
  static func constant(_ value: Scalar) -> Tensor { Tensor(storage: [value], shape: []) }
}

// MARK: Arithmetic with PyTorch's broadcasting

extension Tensor {
  /// a + b elementwise, after broadcasting (node `AddBackward0`).
  public static func + (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.applying(.add, b) }
  /// a − b elementwise, after broadcasting (node `SubBackward0`).
  public static func - (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.applying(.subtract, b) }
  /// a ⊙ b elementwise, after broadcasting (node `MulBackward0`).
  public static func * (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.applying(.multiply, b) }
  /// a ⊘ b elementwise, after broadcasting (node `DivBackward0`).
  public static func / (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.applying(.divide, b) }

  /// a + s for every element.
  public static func + (a: Tensor, s: Scalar) -> Tensor { a.withScalar(.add, s, scalarOnLeft: false) }
  /// s + a for every element.
  public static func + (s: Scalar, a: Tensor) -> Tensor { a.withScalar(.add, s, scalarOnLeft: true) }
  /// a − s for every element.
  public static func - (a: Tensor, s: Scalar) -> Tensor { a.withScalar(.subtract, s, scalarOnLeft: false) }
  /// s − a for every element.
  public static func - (s: Scalar, a: Tensor) -> Tensor { a.withScalar(.subtract, s, scalarOnLeft: true) }
  /// a·s for every element.
  public static func * (a: Tensor, s: Scalar) -> Tensor { a.withScalar(.multiply, s, scalarOnLeft: false) }
  /// s·a for every element.
  public static func * (s: Scalar, a: Tensor) -> Tensor { a.withScalar(.multiply, s, scalarOnLeft: true) }
  /// a / s for every element.
  public static func / (a: Tensor, s: Scalar) -> Tensor { a.withScalar(.divide, s, scalarOnLeft: false) }
  /// s / a for every element.
  public static func / (s: Scalar, a: Tensor) -> Tensor { a.withScalar(.divide, s, scalarOnLeft: true) }
  /// −a (node `NegBackward0`).
  public static prefix func - (a: Tensor) -> Tensor { a.applying(.negate) }

  private func withScalar(_ rule: BinaryPrimitive, _ s: Scalar, scalarOnLeft: Bool) -> Tensor {
    // A rank-0 operand broadcasts against any shape, so this cannot throw.
    let constant = Tensor.constant(s)
    let result = scalarOnLeft ? try? constant.applying(rule, self) : try? applying(rule, constant)
    return result ?? Tensor(storage: [], shape: [0])
  }
}

// MARK: Named functions

extension Tensor {
  /// xⁿ elementwise for an integer n (node `PowBackward0`, partial n·xⁿ⁻¹).
  public func pow(_ n: Int) -> Tensor { applying(.power(n)) }

  /// xᵖ elementwise for a real exponent p (node `PowBackward0`, partial p·xᵖ⁻¹).
  public func pow(_ p: Scalar) -> Tensor { withScalar(.pow, p, scalarOnLeft: false) }

  /// xʸ elementwise after broadcasting (node `PowBackward1`; partials y·xʸ⁻¹ and xʸ·log x).
  public func pow(_ exponent: Tensor) throws(TensorError) -> Tensor { try applying(.pow, exponent) }

  /// eˣ elementwise.
  public func exp() -> Tensor { applying(.exp) }
  /// log x elementwise.
  public func log() -> Tensor { applying(.log) }
  /// √x elementwise.
  public func sqrt() -> Tensor { applying(.sqrt) }
  /// |x| elementwise, with |·|′(0) = 0.
  public func abs() -> Tensor { applying(.abs) }
  /// tanh x elementwise.
  public func tanh() -> Tensor { applying(.tanh) }
  /// max(x, 0) elementwise, with relu′(0) = 0.
  public func relu() -> Tensor { applying(.relu) }
  /// σ(x) = 1 / (1 + e^−x) elementwise, without overflow; σ′ = σ(1 − σ).
  public func sigmoid() -> Tensor { applying(.sigmoid) }
  /// softplus(x) = log(1 + eˣ) elementwise, finite for any x; softplus′ = σ.
  public func softplus() -> Tensor { applying(.softplus) }
}

/// xⁿ elementwise for an integer n: PyTorch's `x ** n`.
public func pow<Scalar>(_ x: Tensor<Scalar>, _ n: Int) -> Tensor<Scalar> { x.pow(n) }

/// σ(x) = 1 / (1 + e^−x) elementwise.
public func sigmoid<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.sigmoid() }

/// softplus(x) = log(1 + eˣ) elementwise.
public func softplus<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.softplus() }
