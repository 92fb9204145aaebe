/// A custom rule's value and derivative at one point, checked: the one place every mode takes
/// them from, so a wrong length, a NaN partial or a thrown error is reported the same way
/// (with the rule's name) in every mode, before anything is recorded.
@usableFromInline
struct CustomRuleEvaluation<R: CustomRule, V: ADScalar> {
  @usableFromInline let rule: R
  @usableFromInline let point: [V]
  /// y = f(x), m values.
  @usableFromInline let value: [V]
  @usableFromInline let derivative: CustomDerivative<V>

  /// Evaluates the rule's value and derivative at x (x has n elements; the caller checked).
  @inlinable
  init(_ rule: R, at x: [V]) throws(DifferentiationError) {
    self.rule = rule
    point = x
    value = try Self.value(of: rule, at: x)
    let y = value
    derivative = try Self.catching(rule) { try rule.derivative(at: x, value: y) }
  }

  /// f(x) alone, with its length checked: what plain evaluation calls.
  @inlinable
  static func value(of rule: R, at x: [V]) throws(DifferentiationError) -> [V] {
    let y = try catching(rule) { try rule.value(x) }
    guard y.count == rule.outputCount else {
      throw rule.failure(.wrongLength(what: "value", expected: rule.outputCount, got: y.count))
    }
    return y
  }

  /// Runs a piece of the user's rule; an error it throws is named after the rule, unless it is
  /// already a ``DifferentiationError`` (a rule used inside this one names itself).
  @inlinable
  static func catching<Result>(_ rule: R, _ body: () throws -> Result) throws(DifferentiationError) -> Result {
    do {
      return try body()
    } catch let error as DifferentiationError {
      throw error
    } catch {
      throw rule.failure(.threw(String(describing: error)))
    }
  }

  /// J·t, by the rule's JVP when it has one, else from its Jacobian.
  @inlinable
  func jvp(_ t: [V]) throws(DifferentiationError) -> [V] {
    switch derivative {
    case .jvp(let product), .products(let product, _):
      let yDot = try Self.catching(rule) { try product(t) }
      try check(yDot, what: "jvp", expected: rule.outputCount)
      let finite = point.allSatisfy(\.primal.isFinite) && t.allSatisfy(\.primal.isFinite)
      for (i, d) in yDot.enumerated() where finite && d.primal.isNaN && value[i].primal.isFinite {
        throw rule.failure(.nonFiniteDerivative(output: i, input: t.firstIndex { $0.primal != 0 } ?? 0))
      }
      return yDot
    case .partials, .vjp:
      let j = try jacobian()
      return j.map { row in
        var sum: V = 0
        for (a, b) in zip(row, t) where !b.isIdenticallyZero { sum += a * b }
        return sum
      }
    }
  }

  /// The Jacobian ∂yᵢ/∂xⱼ: the partials as given, or n JVPs of unit tangents, or m VJPs of unit
  /// cotangents. A NaN partial where the value and the inputs are finite is an error.
  @inlinable
  func jacobian() throws(DifferentiationError) -> [[V]] {
    let m = rule.outputCount, n = rule.inputCount
    var rows: [[V]]
    switch derivative {
    case .partials(let given):
      try check(given, what: "partials", expected: m)
      for (i, row) in given.enumerated() { try check(row, what: "partials row \(i)", expected: n) }
      rows = given
    case .vjp(let product), .products(_, let product):
      rows = []
      rows.reserveCapacity(m)
      for i in 0..<m {
        let row = try Self.catching(rule) { try product(Self.unit(i, m)) }
        try check(row, what: "vjp", expected: n)
        rows.append(row)
      }
    case .jvp(let product):
      rows = Array(repeating: Array(repeating: 0, count: n), count: m)
      for j in 0..<n {
        let column = try Self.catching(rule) { try product(Self.unit(j, n)) }
        try check(column, what: "jvp", expected: m)
        for i in 0..<m { rows[i][j] = column[i] }
      }
    }
    guard point.allSatisfy(\.primal.isFinite) else { return rows }
    for (i, row) in rows.enumerated() where value[i].primal.isFinite {
      if let j = row.firstIndex(where: \.primal.isNaN) { throw rule.failure(.nonFiniteDerivative(output: i, input: j)) }
    }
    return rows
  }

  @inlinable
  func check<E>(_ array: [E], what: String, expected: Int) throws(DifferentiationError) {
    guard array.count == expected else {
      throw rule.failure(.wrongLength(what: what, expected: expected, got: array.count))
    }
  }

  @inlinable
  static func unit(_ k: Int, _ count: Int) -> [V] {
    var e = [V](repeating: 0, count: count)
    e[k] = 1
    return e
  }
}
