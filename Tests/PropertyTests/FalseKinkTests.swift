import DualAD
import Foundation
import GradientCheck
import PropertyBased
import Testing

/// A smooth function of one variable, f(x) = Σₖ aₖ·gₖ(bₖ·x + cₖ), with each gₖ smooth everywhere
/// (x·|x| included: its second derivative jumps, its first does not), and a point.
struct SmoothCase: CustomStringConvertible, Sendable {
  static let primitives: [(name: String, g: @Sendable (Double) -> Double)] = [
    ("sin", { Foundation.sin($0) }), ("cos", { Foundation.cos($0) }), ("tanh", { Foundation.tanh($0) }),
    ("sigmoid", { 1 / (1 + Foundation.exp(-$0)) }), ("exp", { Foundation.exp($0) }), ("atan", { Foundation.atan($0) }),
    ("square", { $0 * $0 }), ("cube", { $0 * $0 * $0 }), ("x*abs(x)", { $0 * Swift.abs($0) }),
    ("log1p(x^2)", { Foundation.log1p($0 * $0) }), ("softplus", { Foundation.log1p(Foundation.exp(-Swift.abs($0))) + Swift.max($0, 0) }),
    ("erf", { Foundation.erf($0) }),
  ]

  var terms: [(a: Double, primitive: Int, b: Double, c: Double)]
  var x: Double

  func callAsFunction(_ t: Double) -> Double {
    terms.reduce(0) { $0 + $1.a * Self.primitives[$1.primitive].g($1.b * t + $1.c) }
  }

  var description: String {
    terms.map { "\($0.a)·\(Self.primitives[$0.primitive].name)(\($0.b)·x + \($0.c))" }.joined(separator: " + ") + " at x = \(x)"
  }

  static var generator: Generator<SmoothCase, [SmoothCase]> {
    Generator(
      run: { rng in
        var random = SeededGenerator(seed: rng.next())
        let terms = (0..<Int.random(in: 1...3, using: &random)).map { _ in
          (a: Double.random(in: -3...3, using: &random), primitive: Int.random(in: 0..<primitives.count, using: &random),
           b: Double.random(in: -20...20, using: &random), c: Double.random(in: -2...2, using: &random))
        }
        return SmoothCase(terms: terms, x: Double.random(in: -3...3, using: &random))
      },
      shrink: { _ in [] })
  }
}

/// The kink test of the gradient check must never fire at a smooth point.
struct FalseKinkTests {
  @Test("No false kinks in 10 000 generated smooth functions at generated points")
  func noFalseKinks() async {
    await propertyCheck(count: 10_000, input: SmoothCase.generator) { c in
      let sides = try? numericalJacobian(at: [c.x], oneSided: true) { [c($0[0])] }.entries[0][0].oneSided
      #expect(sides != nil, "\(c): no one-sided differences")
      #expect(sides?.isKink(.double) == false, "\(c): \(String(describing: sides))")
    }
  }
}
