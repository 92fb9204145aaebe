import DualAD
import DualADTensor
import Foundation
import Testing

@Suite("Elementwise tensor operations: values and gradients from the rule table")
struct TensorElementwiseTests {
  /// Every unary primitive of the rule table with a domain.
  static let unaryRules: [UnaryPrimitive] = UnaryPrimitive.allCases.filter { $0.domain.checked != nil }

  @Test("each unary rule's tensor gradient matches a central difference of its values", arguments: unaryRules)
  func unaryGradientMatchesFiniteDifference(rule: UnaryPrimitive) throws {
    let points = Array(rule.domain.points.prefix(2))
    let x = Tensor<Double>(points, requiresGrad: true)
    let y = x.applying(rule)
    #expect(y.gradFn?.name == rule.backwardName)
    try y.backward(gradient: Tensor.ones([2]))
    let h = 1e-6
    let plus = Tensor<Double>(points.map { $0 + h }).applying(rule).scalars
    let minus = Tensor<Double>(points.map { $0 - h }).applying(rule).scalars
    let difference = zip(plus, minus).map { ($0 - $1) / (2 * h) }
    #expect(tensorClose(x.grad?.scalars, difference, tolerance: 1e-7))
  }

  @Test("each binary rule's tensor gradients match central differences", arguments: BinaryPrimitive.allCases)
  func binaryGradientsMatchFiniteDifference(rule: BinaryPrimitive) throws {
    let (xs, ys): ([Double], [Double]) = ([0.7, 1.5], [0.4, 2.5])
    let x = Tensor(xs, requiresGrad: true), y = Tensor(ys, requiresGrad: true)
    try x.applying(rule, y).backward(gradient: Tensor.ones([2]))
    let h = 1e-6
    func values(_ a: [Double], _ b: [Double]) throws -> [Double] { try Tensor(a).applying(rule, Tensor(b)).scalars }
    let dx = zip(try values(xs.map { $0 + h }, ys), try values(xs.map { $0 - h }, ys)).map { ($0 - $1) / (2 * h) }
    let dy = zip(try values(xs, ys.map { $0 + h }), try values(xs, ys.map { $0 - h })).map { ($0 - $1) / (2 * h) }
    #expect(tensorClose(x.grad?.scalars, dx, tolerance: 1e-7))
    #expect(tensorClose(y.grad?.scalars, dy, tolerance: 1e-7))
  }

  @Test("sigmoid and softplus stay finite at ±800 and keep digits at −40")
  func extremes() throws {
    let x = Tensor<Double>([-800, 0, 800], requiresGrad: true)
    let s = sigmoid(x)
    #expect(s.scalars == [0, 0.5, 1])
    try s.sum().backward()
    #expect(x.grad?.scalars == [0, 0.25, 0])

    let z = Tensor<Double>([800, -40, 0], requiresGrad: true)
    let p = softplus(z)
    #expect(tensorClose(p.scalars, [800, Foundation.exp(-40.0), Foundation.log(2.0)]))
    try p.sum().backward()
    #expect(tensorClose(z.grad?.scalars, [1, 1 / (1 + Foundation.exp(40.0)), 0.5]))
  }

  @Test("logSigmoid, logit and xlogy are tensor operations from the table, with PyTorch's node names and values")
  func primitivesAddedToTheTable() throws {
    let z = Tensor<Double>([-800, 0, 800], requiresGrad: true)
    let l = z.applying(.logSigmoid)
    #expect(l.gradFn?.name == "LogSigmoidBackward0")
    #expect(tensorClose(l.scalars, [-800, -Foundation.log(2.0), 0]))  // log σ(0) = −ln 2
    try l.sum().backward()
    #expect(z.grad?.scalars == [1, 0.5, 0])  // σ(−z)

    let p = Tensor<Double>([0.5, 0.25], requiresGrad: true)
    let logit = p.applying(.logit)
    #expect(logit.gradFn?.name == "LogitBackward0")
    #expect(tensorClose(logit.scalars, [0, -Foundation.log(3.0)]))  // log(¼ / ¾)
    try logit.sum().backward()
    #expect(tensorClose(p.grad?.scalars, [4, 16.0 / 3]))  // 1/(p(1 − p))

    let x = Tensor<Double>([0, 0, 2], requiresGrad: true), y = Tensor<Double>([0, 5, 3], requiresGrad: true)
    let xlogy = try x.applying(.xlogy, y)
    #expect(xlogy.gradFn?.name == "XlogyBackward0")
    #expect(tensorClose(xlogy.scalars, [0, 0, 2 * Foundation.log(3.0)]))
    try xlogy.sum().backward()
    #expect(tensorClose(x.grad?.scalars, [0, Foundation.log(5.0), Foundation.log(3.0)]))
    #expect(tensorClose(y.grad?.scalars, [0, 0, 2.0 / 3]))
  }

  @Test("pow with a tensor exponent (PowBackward1) and with a real one (PowBackward0)")
  func powers() throws {
    let x = Tensor<Double>([2, 3], requiresGrad: true), p = Tensor<Double>([3, 2], requiresGrad: true)
    let y = try x.pow(p)
    #expect(y.gradFn?.name == "PowBackward1")
    #expect(y.scalars == [8, 9])
    try y.sum().backward()
    #expect(x.grad?.scalars == [12, 6])  // p·x^(p−1)
    #expect(tensorClose(p.grad?.scalars, [8 * Foundation.log(2.0), 9 * Foundation.log(3.0)]))  // x^p·ln x

    let r = Tensor<Double>([4, 9], requiresGrad: true)
    let root = r.pow(0.5)
    #expect(root.gradFn?.name == "PowBackward0")
    #expect(root.scalars == [2, 3])
    try root.sum().backward()
    #expect(tensorClose(r.grad?.scalars, [0.25, 1.0 / 6]))  // 0.5/√r
  }

  @Test("arithmetic with scalars on either side")
  func scalarArithmetic() throws {
    let x = Tensor<Double>([1, 2, 4], requiresGrad: true)
    let y = try (2 - x) + x / 4 + 1 / x + 3 * x
    // y = 2 − x + x/4 + 1/x + 3x; dy/dx = −1 + 1/4 − 1/x² + 3.
    #expect(tensorClose(y.scalars, [5.25, 7, 11.25]))
    try y.sum().backward()
    #expect(tensorClose(x.grad?.scalars, [1.25, 2, 2.1875]))
    let n = -x
    #expect(n.gradFn?.name == "NegBackward0")
    #expect(n.scalars == [-1, -2, -4])
  }
}
