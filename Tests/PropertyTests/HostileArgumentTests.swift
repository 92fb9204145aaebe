import DualAD
import DualADTensor
import DualADExpressions
import Foundation
import PropertyBased
import Testing

// Random sizes, steps, exponents, orders, dimensions and indices, at and past the ends of their
// types, through the tensor API, the scalar core and the expression language. A trap would end
// the test process; each property also checks the outcome: the documented error, or a result
// that agrees with an independent computation or with the other modes.

/// The largest result a property allocates; a fitting size above it is checked by its error-free
/// count only (the sizes drawn never land there on a machine with less than 256 GiB).
private let largestAllocation = 1 << 20

@Test func creationSizesThrowTheDocumentedErrorOrFit() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.shape) { shape in
    let expected = ExpectedStorage(shape: shape, elementBytes: MemoryLayout<Double>.stride)
    if case .fits(let count) = expected, count > largestAllocation { return }
    let zeros = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.zeros(shape) }
    #expect(zeros.0 == expected, "zeros(\(shape))")
    #expect(zeros.1.map { $0.shape == shape && $0.scalars.allSatisfy { $0 == 0 } } ?? true)
    let full = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.full(shape, 2.5) }
    #expect(full.0 == expected, "full(\(shape))")
    #expect(full.1.map { $0.scalars.allSatisfy { $0 == 2.5 } } ?? true)
    #expect(ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.ones(shape) }.0 == expected)
    let randn = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.randn(shape, seed: 7) }
    #expect(randn.0 == expected, "randn(\(shape))")
    let rand = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.rand(shape, seed: 7) }
    #expect(rand.0 == expected, "rand(\(shape))")
    #expect(rand.1.map { $0.scalars.allSatisfy { (0..<1).contains($0) } } ?? true)
    // Float: 4 bytes an element.
    let floatExpected = ExpectedStorage(shape: shape, elementBytes: MemoryLayout<Float>.stride)
    if case .fits(let count) = floatExpected, count > largestAllocation { return }
    #expect(ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Float>.zeros(shape) }.0 == floatExpected)
  }
}

@Test func broadcastAndMatmulOfHostileShapesThrowOrFit() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.shape, HostileArguments.shape) { a, b in
    // Operands with a zero size are empty whatever their other sizes: cheap to make.
    let lhsShape = a.map { Swift.max($0, 0) } + [0], rhsShape = b.map { Swift.max($0, 0) }
    guard case .fits(let rhsCount) = ExpectedStorage(shape: rhsShape + [1], elementBytes: 8), rhsCount <= largestAllocation,
      let lhs = try? Tensor<Double>.zeros(lhsShape), let rhs = try? Tensor<Double>.zeros(rhsShape + [1])
    else { return }
    do throws(TensorError) {
      let sum = try lhs + rhs
      #expect(sum.count == 0)
    } catch {
      switch error {
      case .broadcastMismatch, .cannotAllocate, .tooManyElements: break
      default: Issue.record("\(lhsShape) + \(rhsShape + [1]): \(error)")
      }
    }
    // [m, 0]·[0, n]: an m×n result of zeros, or the documented size error.
    guard let m = a.first.map({ Swift.max($0, 0) }), let n = b.first.map({ Swift.max($0, 0) }),
      let left = try? Tensor<Double>.zeros([m, 0]), let right = try? Tensor<Double>.zeros([0, n])
    else { return }
    let expected = ExpectedStorage(shape: [m, n], elementBytes: MemoryLayout<Double>.stride)
    if case .fits(let count) = expected, count > largestAllocation { return }
    let product = ExpectedStorage.outcome { () throws(TensorError) in try left.matmul(right) }
    #expect(product.0 == expected, "[\(m), 0]·[0, \(n)]")
  }
}

@Test func stepsThrowTheDocumentedErrorOrFit() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.real, HostileArguments.real, HostileArguments.real, HostileArguments.integer) {
    start, end, step, steps in
    // linspace: steps < 0 is invalidRange, otherwise a size [steps].
    let linspaceExpected: ExpectedStorage = steps < 0
      ? .error(.invalidRange("number of steps must be non-negative, but got \(steps)"))
      : ExpectedStorage(shape: [steps], elementBytes: 8)
    if case .fits(let count) = linspaceExpected, count > largestAllocation {} else {
      let (outcome, tensor) = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.linspace(start, end, steps: steps) }
      #expect(outcome == linspaceExpected, "linspace(\(start), \(end), steps: \(steps))")
      // Both ends are exact when the spacing is finite.
      if let values = tensor?.scalars, let first = values.first, let last = values.last, (end - start).isFinite {
        #expect(first == start)
        if values.count > 1 { #expect(last == end) }
      }
    }
    // arange: a finite nonzero step towards a finite end, ⌈(end − start)/step⌉ values; any other
    // step, or a count past Int, is invalidRange.
    let valid = step != 0 && step.isFinite && start.isFinite && end.isFinite && (end - start) * step >= 0
    guard valid, let n = Int(exactly: ((end - start) / step).rounded(.up)) else {
      let (outcome, _) = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.arange(start, end, step: step) }
      guard case .error(.invalidRange) = outcome else {
        Issue.record("arange(\(start), \(end), step: \(step)) gave \(outcome), expected invalidRange")
        return
      }
      return
    }
    let expected = ExpectedStorage(shape: [n], elementBytes: 8)
    if case .fits(let count) = expected, count > largestAllocation { return }
    let (outcome, tensor) = ExpectedStorage.outcome { () throws(TensorError) in try Tensor<Double>.arange(start, end, step: step) }
    #expect(outcome == expected, "arange(\(start), \(end), step: \(step))")
    if let values = tensor?.scalars {
      #expect(values.enumerated().allSatisfy { $0.element == start + Double($0.offset) * step })
    }
  }
}

@Test func integerExponentsRootsAndOrdersAgreeInEveryMode() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.real, HostileArguments.integer) { x, n in
    for rule: UnaryPrimitive in [.power(n), .root(n), .polygamma(n)] {
      // Forward: value and tangent of one dual number.
      let forward = Dual(value: x, tangent: 1).applyingRule(rule)
      // Reverse: the tape's gradient.
      let reverse = (try? gradient(at: [x]) { Variable<Double>.applyingRule(rule, to: $0[0]) })?.first
      // The tensor kernel and its backward.
      let t = Tensor<Double>([x], requiresGrad: true)
      let y = t.applying(rule)
      try? y.sum().backward()
      #expect(sameValue(y.scalars[0], forward.value), "\(rule) at \(x): tensor \(y.scalars[0]), dual \(forward.value)")
      #expect(sameValue(t.grad?.scalars.first ?? .nan, forward.tangent), "\(rule)′ at \(x): tensor vs dual")
      #expect(reverse.map { sameValue($0, forward.tangent) } ?? false, "\(rule)′ at \(x): tape \(String(describing: reverse)) vs dual \(forward.tangent)")
      switch rule {
      case .root(0): #expect(forward.value.isNaN && forward.tangent.isNaN)
      case .polygamma(let order) where order < 0 || order > 100: #expect(forward.value.isNaN && forward.tangent.isNaN)
      case .power(0): #expect(forward.value == 1 && forward.tangent == 0)
      default: break
      }
    }
  }
}

@Test func realExponentsAgreeInEveryMode() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.real, HostileArguments.real) { x, y in
    let forward = Dual.pow(Dual(value: x, tangent: 1), Dual(y))
    let reverse = (try? gradient(at: [x]) { Variable.pow($0[0], Variable(y)) })?.first
    #expect(reverse.map { sameValue($0, forward.tangent) } ?? false, "d/dx x^y at (\(x), \(y))")
    let tensor = try? Tensor<Double>([x]).pow(Tensor<Double>(y))
    #expect(tensor.map { sameValue($0.scalars[0], forward.value) } ?? false, "x^y at (\(x), \(y))")
    // An integer exponent past Int at a negative base is even: (−x)ʸ.
    if x < 0, y.isFinite, Swift.abs(y) >= 0x1p63 { #expect(sameValue(forward.value, Double.pow(-x, y))) }
  }
}

@Test func dimensionsAndIndicesThrowTheDocumentedErrorOrSelect() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.integer, HostileArguments.integer) { d, i in
    guard let x = try? Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]) else { return }
    let dimension: Int? = (-2..<2).contains(d) ? (d < 0 ? d + 2 : d) : nil
    do throws(TensorError) {
      let s = try x.sum(dim: d)
      #expect(dimension.map { s.shape == (0 == $0 ? [3] : [2]) } ?? false)
    } catch { #expect(dimension == nil && error == .dimensionOutOfRange(dimension: d, rank: 2)) }
    do throws(TensorError) {
      let row = try x.select(dim: d, index: i)
      guard let dimension else {
        Issue.record("select(dim: \(d)) returned")
        return
      }
      let size = [2, 3][dimension]
      let k = i < 0 ? i + size : i
      #expect(row.scalars == (dimension == 0 ? Array([1.0, 2, 3, 4, 5, 6][(3 * k)..<(3 * k + 3)]) : [Double(k + 1), Double(k + 4)]))
    } catch {
      if let dimension {
        #expect(error == .indexOutOfRange(index: i, dimension: dimension, size: [2, 3][dimension]))
        #expect(!(-[2, 3][dimension]..<[2, 3][dimension]).contains(i))
      } else {
        #expect(error == .dimensionOutOfRange(dimension: d, rank: 2))
      }
    }
  }
}

@Test func integerLiteralExponentsAgreeInEveryMode() async {
  await propertyCheck(count: PropertyBudget.count, input: HostileArguments.real, HostileArguments.integer) { x, n in
    guard x.isFinite, let f = try? Expression("x^\(n)").compiled(for: [("x", .scalar)]) else {
      if x.isFinite { Issue.record("x^\(n) did not compile") }
      return
    }
    let value = f.evaluate([x])[0]
    let forward = try? f.jacobian(at: [x], mode: .forward)[0][0]
    let reverse = try? f.gradient(at: [x])[0]
    #expect(forward.map { tangent in reverse.map { sameValue(tangent, $0) } ?? false } ?? false, "d/dx x^\(n) at \(x)")
    // The literal is read as a Double: the value is the C library's pow (IEEE 754's, defined at
    // negative bases for integer exponents), or xⁿ for |n| ≤ 2²⁰.
    let expected = n.magnitude <= 1_048_576 ? Double.pow(x, n) : Foundation.pow(x, Double(n))
    #expect(sameValue(value, expected), "x^\(n) at \(x): \(value), expected \(expected)")
  }
}

extension Dual where Value == Double {
  /// The rule through the scalar type's public function, as user code calls it.
  fileprivate func applyingRule(_ rule: UnaryPrimitive) -> Dual {
    switch rule {
    case .power(let n): return Dual.pow(self, n)
    case .root(let n): return Dual.root(self, n)
    case .polygamma(let n): return Dual.polygamma(n, self)
    default: return Dual.applying(rule, to: self)
    }
  }
}

extension Variable where Value == Double {
  fileprivate static func applyingRule(_ rule: UnaryPrimitive, to x: Variable) -> Variable {
    switch rule {
    case .power(let n): return Variable.pow(x, n)
    case .root(let n): return Variable.root(x, n)
    case .polygamma(let n): return Variable.polygamma(n, x)
    default: return Variable.applying(rule, to: x)
    }
  }
}
