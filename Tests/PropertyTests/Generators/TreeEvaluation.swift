import DualAD
import DualADExpressions

/// A value of the expression language: a shape and its elements, row-major.
struct ArrayValue: Hashable, Sendable {
  var shape: Shape
  var elements: [Double]
}

extension ExpressionTree {
  /// The value at `inputs`, computed here in Double without the expression compiler, or nil
  /// when some operation leaves its ``SafeDomain``, a value exceeds the magnitude bound, or the
  /// shapes do not fit.
  ///
  /// The generator keeps only trees with a value; shrinking keeps only candidates with one.
  func safeValue(at inputs: [ArrayValue]) -> ArrayValue? {
    guard let value = unsafeValue(at: inputs), SafeDomain.isWellScaled(value.elements) else { return nil }
    return value
  }

  private func unsafeValue(at inputs: [ArrayValue]) -> ArrayValue? {
    switch self {
    case .input(let i):
      return i < inputs.count ? inputs[i] : nil
    case .constant(let c):
      return ArrayValue(shape: .scalar, elements: [c])
    case .unary(let p, let a):
      guard let x = a.safeValue(at: inputs), x.elements.allSatisfy({ SafeDomain.admits(p, $0) }) else { return nil }
      return ArrayValue(shape: x.shape, elements: x.elements.map { p.evaluate($0).value })
    case .binary(let p, let a, let b):
      guard let x = a.safeValue(at: inputs), let y = b.safeValue(at: inputs),
        let pairs = Self.broadcast(x, y), pairs.operands.allSatisfy({ SafeDomain.admits(p, $0.0, $0.1) })
      else { return nil }
      return ArrayValue(shape: pairs.shape, elements: pairs.operands.map { p.evaluate($0.0, $0.1).value })
    case .reduction(let r, let a):
      guard let x = a.safeValue(at: inputs), SafeDomain.admits(r, x.elements) else { return nil }
      return ArrayValue(shape: .scalar, elements: [Self.reduce(r, x.elements)])
    case .dot(let a, let b):
      guard let x = a.safeValue(at: inputs), let y = b.safeValue(at: inputs),
        case .vector(let n) = x.shape, y.shape == .vector(n)
      else { return nil }
      return ArrayValue(shape: .scalar, elements: [zip(x.elements, y.elements).reduce(0) { $0 + $1.0 * $1.1 }])
    case .matmul(let a, let b):
      guard let x = a.safeValue(at: inputs), let y = b.safeValue(at: inputs) else { return nil }
      return Self.matmul(x, y)
    case .list(let elements):
      let values = elements.compactMap { $0.safeValue(at: inputs) }
      guard values.count == elements.count, let first = values.first,
        values.allSatisfy({ $0.shape == first.shape })
      else { return nil }
      switch first.shape {
      case .scalar: return ArrayValue(shape: .vector(values.count), elements: values.flatMap(\.elements))
      case .vector(let n): return ArrayValue(shape: .matrix(rows: values.count, columns: n), elements: values.flatMap(\.elements))
      case .matrix: return nil
      }
    }
  }

  /// numpy's broadcasting for the shapes the language has: a scalar with anything, equal
  /// shapes, and a vector of length c with each row of an r×c matrix.
  static func broadcast(_ x: ArrayValue, _ y: ArrayValue) -> (shape: Shape, operands: [(Double, Double)])? {
    switch (x.shape, y.shape) {
    case (.scalar, _): return (y.shape, y.elements.map { (x.elements[0], $0) })
    case (_, .scalar): return (x.shape, x.elements.map { ($0, y.elements[0]) })
    case _ where x.shape == y.shape: return (x.shape, Array(zip(x.elements, y.elements)))
    case (.matrix(_, let c), .vector(let n)) where c == n:
      return (x.shape, x.elements.indices.map { (x.elements[$0], y.elements[$0 % c]) })
    case (.vector(let n), .matrix(_, let c)) where c == n:
      return (y.shape, y.elements.indices.map { (x.elements[$0 % c], y.elements[$0]) })
    default: return nil
    }
  }

  /// numpy's matmul for vectors and matrices.
  static func matmul(_ x: ArrayValue, _ y: ArrayValue) -> ArrayValue? {
    let (m, k, n, shape): (Int, Int, Int, Shape)
    switch (x.shape, y.shape) {
    case (.vector(let a), .vector(let b)) where a == b: (m, k, n, shape) = (1, a, 1, .scalar)
    case (.vector(let a), .matrix(let b, let c)) where a == b: (m, k, n, shape) = (1, a, c, .vector(c))
    case (.matrix(let r, let a), .vector(let b)) where a == b: (m, k, n, shape) = (r, a, 1, .vector(r))
    case (.matrix(let r, let a), .matrix(let b, let c)) where a == b: (m, k, n, shape) = (r, a, c, .matrix(rows: r, columns: c))
    default: return nil
    }
    var out: [Double] = []
    for i in 0..<m {
      for j in 0..<n {
        out.append((0..<k).reduce(0) { $0 + x.elements[i * k + $1] * y.elements[$1 * n + j] })
      }
    }
    return ArrayValue(shape: shape, elements: out)
  }

  static func reduce(_ r: Reduction, _ x: [Double]) -> Double {
    switch r {
    case .sum: return x.reduce(0, +)
    case .mean: return x.reduce(0, +) / Double(x.count)
    case .prod: return x.reduce(1, *)
    case .norm: return x.reduce(0) { $0 + $1 * $1 }.squareRoot()
    case .logsumexp:
      let m = x.max() ?? 0
      return m + Double.log(x.reduce(0) { $0 + Double.exp($1 - m) })
    }
  }
}
