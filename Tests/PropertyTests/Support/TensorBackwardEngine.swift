import DualAD
import DualADTensor
import GradientCheck
import DualADExpressions
import PropertyBased
import Testing

/// The seam for property 6: what a tensor library must provide for its `backward` to be
/// checked against the scalar core's VJP on random functions.
///
/// A conformance maps each operation of a random ``ExpressionTree`` to one tensor operation
/// (elementwise through the rule table, broadcasting binary operations, reductions, matmul)
/// and runs `backward(gradient:)` on the result. ``checkTensorBackward(_:)`` is the property.
/// To enable it for `Tensor<Double>`, conform a small engine type and add:
/// ```swift
/// @Test func tensorBackwardEqualsScalarVJP() async { await checkTensorBackward { TensorEngine() } }
/// ```
protocol TensorBackwardEngine {
  associatedtype Value
  /// A leaf that requires a gradient, with the input's shape and elements.
  func leaf(_ value: ArrayValue) -> Value
  func constant(_ c: Double) -> Value
  func unary(_ primitive: UnaryPrimitive, _ a: Value) -> Value
  /// With broadcasting; for `.atan2` the first operand is the y coordinate.
  func binary(_ primitive: BinaryPrimitive, _ a: Value, _ b: Value) -> Value
  func reduction(_ reduction: Reduction, _ a: Value) -> Value
  func matmul(_ a: Value, _ b: Value) -> Value
  func dot(_ a: Value, _ b: Value) -> Value
  /// Scalars to a vector, or vectors to the rows of a matrix.
  func stack(_ elements: [Value]) -> Value
  /// `output.backward(gradient:)` with the cotangent flattened row-major, then each leaf's
  /// gradient, flattened, in the order of `leaves`.
  func backward(_ output: Value, gradient: [Double], leaves: [Value]) throws -> [[Double]]
}

extension ExpressionTree {
  /// The tree evaluated by an engine, with `leaves[i]` for input i.
  func interpret<E: TensorBackwardEngine>(_ engine: E, leaves: [Int: E.Value]) -> E.Value? {
    switch self {
    case .input(let i): return leaves[i]
    case .constant(let c): return engine.constant(c)
    case .unary(let p, let a): return a.interpret(engine, leaves: leaves).map { engine.unary(p, $0) }
    case .binary(let p, let a, let b):
      guard let x = a.interpret(engine, leaves: leaves), let y = b.interpret(engine, leaves: leaves) else { return nil }
      return engine.binary(p, x, y)
    case .reduction(let r, let a): return a.interpret(engine, leaves: leaves).map { engine.reduction(r, $0) }
    case .matmul(let a, let b):
      guard let x = a.interpret(engine, leaves: leaves), let y = b.interpret(engine, leaves: leaves) else { return nil }
      return engine.matmul(x, y)
    case .dot(let a, let b):
      guard let x = a.interpret(engine, leaves: leaves), let y = b.interpret(engine, leaves: leaves) else { return nil }
      return engine.dot(x, y)
    case .list(let elements):
      let values = elements.compactMap { $0.interpret(engine, leaves: leaves) }
      return values.count == elements.count ? engine.stack(values) : nil
    }
  }
}

/// Property 6: the engine's backward(v) equals the scalar core's VJP vᵀJ (compiled
/// expression, tape) on the same random function, to 10⁻¹² of Σᵢ |vᵢ|·Aᵢⱼ. A fresh engine is
/// made for each case.
func checkTensorBackward<E: TensorBackwardEngine>(
  count: Int = PropertyBudget.count, sourceLocation: SourceLocation = #_sourceLocation, _ makeEngine: @escaping @Sendable () -> E
) async {
  await propertyCheck(count: count, input: CaseGenerators.functions, perform: { c in
    withCompiled(c, sourceLocation: sourceLocation) { f in
      let x = c.point
      let engine = makeEngine()
      var random = c.directions()
      let v = LinearAlgebra.randomVector(f.outputCount, &random)
      let expected = try f.vjp(at: x, cotangent: v).vjp
      let used = c.tree.inputIndices.sorted()
      var leaves: [Int: E.Value] = [:]
      for i in used { leaves[i] = engine.leaf(c.allInputs[i].value) }
      guard let output = c.tree.interpret(engine, leaves: leaves) else {
        Issue.record("the engine could not evaluate the tree\n\(c)", sourceLocation: sourceLocation)
        return
      }
      let grads = try engine.backward(output, gradient: v, leaves: used.compactMap { leaves[$0] }).flatMap { $0 }
      let scale = LinearAlgebra.rowTimes(LinearAlgebra.absolute(v), absoluteJacobian(of: f, at: x))
      #expect(grads.count == x.count, "\(c)", sourceLocation: sourceLocation)
      for j in x.indices where j < grads.count {
        #expect(
          agree(grads[j], expected[j], scale: scale[j]),
          "entry \(j): backward \(grads[j]), scalar VJP \(expected[j])\nv = \(v)\n\(c)", sourceLocation: sourceLocation)
      }
    }
  }, sourceLocation: sourceLocation)
}
