import DualAD
import DualADExpressions

/// A ``TensorBackwardEngine`` made of the scalar core's tape, walking the tree directly.
///
/// It shares no code with the expression compiler but the reductions (broadcasting, matmul,
/// dot and lists are written again here, over arrays of ``Variable``), so it is a second evaluator:
/// until the tensor API's engine replaces it, property 6 runs on it and checks the compiler's
/// layouts against this walk, and the seam itself.
final class TapeTreeEngine: TensorBackwardEngine {
  struct Value {
    var shape: Shape
    var elements: [Variable<Double>]
  }

  let tape = Tape<Double>()

  func leaf(_ value: ArrayValue) -> Value { Value(shape: value.shape, elements: tape.variables(value.elements)) }

  func constant(_ c: Double) -> Value { Value(shape: .scalar, elements: [Variable(c)]) }

  func unary(_ primitive: UnaryPrimitive, _ a: Value) -> Value {
    Value(shape: a.shape, elements: a.elements.map { Variable.applying(primitive, to: $0) })
  }

  func binary(_ primitive: BinaryPrimitive, _ a: Value, _ b: Value) -> Value {
    let index = { (shape: Shape, k: Int, target: Shape) -> Int in
      switch (shape, target) {
      case (.scalar, _): return 0
      case (.vector(let n), .matrix): return k % n
      default: return k
      }
    }
    let shape = a.shape.count >= b.shape.count ? a.shape : b.shape
    let elements = (0..<shape.count).map { k in
      primitive == .pow
        ? Variable.pow(a.elements[index(a.shape, k, shape)], b.elements[index(b.shape, k, shape)])
        : Variable.applying(primitive, a.elements[index(a.shape, k, shape)], b.elements[index(b.shape, k, shape)])
    }
    return Value(shape: shape, elements: elements)
  }

  func reduction(_ reduction: Reduction, _ a: Value) -> Value {
    Value(shape: .scalar, elements: [reduction.apply(a.elements)])
  }

  func matmul(_ a: Value, _ b: Value) -> Value {
    let (m, k) = a.shape.rank == 1 ? (1, a.shape.count) : (a.shape.dimensions[0], a.shape.dimensions[1])
    let n = b.shape.rank == 1 ? 1 : b.shape.dimensions[1]
    var out: [Variable<Double>] = []
    for i in 0..<m {
      for j in 0..<n {
        var sum = a.elements[i * k] * b.elements[j]
        for p in 1..<k { sum = sum + a.elements[i * k + p] * b.elements[p * n + j] }
        out.append(sum)
      }
    }
    let shape: Shape
    switch (a.shape.rank, b.shape.rank) {
    case (1, 1): shape = .scalar
    case (1, _): shape = .vector(n)
    case (_, 1): shape = .vector(m)
    default: shape = .matrix(rows: m, columns: n)
    }
    return Value(shape: shape, elements: out)
  }

  func dot(_ a: Value, _ b: Value) -> Value {
    Value(shape: .scalar, elements: [zip(a.elements, b.elements).map { $0 * $1 }.dropFirst().reduce(a.elements[0] * b.elements[0], +)])
  }

  func stack(_ elements: [Value]) -> Value {
    let first = elements[0].shape
    let shape: Shape = first == .scalar ? .vector(elements.count) : .matrix(rows: elements.count, columns: first.count)
    return Value(shape: shape, elements: elements.flatMap(\.elements))
  }

  func backward(_ output: Value, gradient: [Double], leaves: [Value]) throws -> [[Double]] {
    try leaves.map { try tape.pullback(of: output.elements, cotangent: gradient, withRespectTo: $0.elements) }
  }
}
