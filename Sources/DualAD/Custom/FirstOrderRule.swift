/// A custom rule written in `Double`: a value and a first derivative from closures, e.g. around
/// a C routine or a solver that exists for `Double` only.
///
/// `Float` arguments are widened to `Double` and the results rounded back. The derivative is
/// first-order only: a Hessian or a nested derivative would need the derivative of the
/// derivative, which a closure on `Double` cannot give, so there the rule throws
/// ``CustomRuleProblem/notTwiceDifferentiable(type:)``. For second order, conform a type to
/// ``CustomRule`` with a generic value and derivative.
///
/// ```swift
/// let logistic = FirstOrderRule(name: "logistic", inputs: 1, value: { x in [1 / (1 + exp(-x[0]))] },
///   partials: { _, y in [[y[0] * (1 - y[0])]] })
/// let d = try derivative(at: 0.0) { x throws(DifferentiationError) in try logistic(x) }   // 0.25
/// ```
public struct FirstOrderRule: CustomRule {
  public let name: String
  public let inputCount: Int
  public let outputCount: Int
  @usableFromInline let valueFunction: @Sendable ([Double]) throws -> [Double]
  @usableFromInline let derivativeFunction: @Sendable ([Double], [Double]) throws -> CustomDerivative<Double>

  init(
    name: String, inputs: Int, outputs: Int, value: @escaping @Sendable ([Double]) throws -> [Double],
    derivative: @escaping @Sendable ([Double], [Double]) throws -> CustomDerivative<Double>
  ) {
    self.name = name
    inputCount = inputs
    outputCount = outputs
    valueFunction = value
    derivativeFunction = derivative
  }

  /// A rule with its partials ∂yᵢ/∂xⱼ, computed from x and y = f(x): m rows of n.
  public init(
    name: String, inputs: Int, outputs: Int = 1, value: @escaping @Sendable (_ x: [Double]) throws -> [Double],
    partials: @escaping @Sendable (_ x: [Double], _ y: [Double]) throws -> [[Double]]
  ) {
    self.init(name: name, inputs: inputs, outputs: outputs, value: value) { x, y in .partials(try partials(x, y)) }
  }

  /// A rule with its JVP, (x, y, t) ↦ J(x)·t.
  public init(
    name: String, inputs: Int, outputs: Int = 1, value: @escaping @Sendable (_ x: [Double]) throws -> [Double],
    jvp: @escaping @Sendable (_ x: [Double], _ y: [Double], _ tangent: [Double]) throws -> [Double]
  ) {
    self.init(name: name, inputs: inputs, outputs: outputs, value: value) { x, y in .jvp { t in try jvp(x, y, t) } }
  }

  /// A rule with its VJP, (x, y, v) ↦ vᵀJ(x).
  public init(
    name: String, inputs: Int, outputs: Int = 1, value: @escaping @Sendable (_ x: [Double]) throws -> [Double],
    vjp: @escaping @Sendable (_ x: [Double], _ y: [Double], _ cotangent: [Double]) throws -> [Double]
  ) {
    self.init(name: name, inputs: inputs, outputs: outputs, value: value) { x, y in .vjp { v in try vjp(x, y, v) } }
  }

  /// A rule with both products, each mode taking its own.
  public init(
    name: String, inputs: Int, outputs: Int = 1, value: @escaping @Sendable (_ x: [Double]) throws -> [Double],
    jvp: @escaping @Sendable (_ x: [Double], _ y: [Double], _ tangent: [Double]) throws -> [Double],
    vjp: @escaping @Sendable (_ x: [Double], _ y: [Double], _ cotangent: [Double]) throws -> [Double]
  ) {
    self.init(name: name, inputs: inputs, outputs: outputs, value: value) { x, y in
      .products(jvp: { t in try jvp(x, y, t) }, vjp: { v in try vjp(x, y, v) })
    }
  }

  public func value<T: ADScalar>(_ x: [T]) throws -> [T] {
    try Self.plain(T.self, name)
    return try valueFunction(x.map { Double($0.primal) }).map { T(T.Primal($0)) }
  }

  public func derivative<T: ADScalar>(at x: [T], value y: [T]) throws -> CustomDerivative<T> {
    try Self.plain(T.self, name)
    let widen = { (a: [T]) in a.map { Double($0.primal) } }
    let narrow = { (a: [Double]) in a.map { T(T.Primal($0)) } }
    switch try derivativeFunction(widen(x), widen(y)) {
    case .partials(let rows): return .partials(rows.map(narrow))
    case .jvp(let f): return .jvp { t in narrow(try f(widen(t))) }
    case .vjp(let f): return .vjp { v in narrow(try f(widen(v))) }
    case .products(let f, let g):
      return .products(jvp: { t in narrow(try f(widen(t))) }, vjp: { v in narrow(try g(widen(v))) })
    }
  }

  /// Only a plain float: any other type means the rule is being differentiated again.
  static func plain<T: ADScalar>(_: T.Type, _ name: String) throws(DifferentiationError) {
    guard T.self == T.Primal.self else {
      throw .customRule(name: name, problem: .notTwiceDifferentiable(type: String(describing: T.self)))
    }
  }
}
