import DualAD
import GradientCheck
import Testing

/// Every rule of the table at 100 seeded random points in its domain: no false failure, in Double
/// and in Float. A false failure here would make the checker useless on correct code.
struct RuleSweepTests {
  static let unaryRules = RuleCatalogue.unary.map(\.rule)
  static let binaryRules = RuleCatalogue.binary.map(\.rule)

  /// Every primitive of the table has a GSL check: a new case without a domain fails here.
  @Test func catalogueCoversEveryRule() {
    #expect(Set(Self.binaryRules) == Set(BinaryPrimitive.allCases))
    #expect(Set(Self.unaryRules) == Set(UnaryPrimitive.allCases))
  }

  @Test(arguments: unaryRules)
  func unaryRuleHasNoFalseFailure(_ rule: UnaryPrimitive) throws {
    let domain = try #require(RuleCatalogue.unary.first { $0.rule == rule }).domain
    var generator = SeededGenerator(seed: 2024)
    for _ in 0..<100 {
      let x = Double.random(in: domain, using: &generator)
      let function = UnaryRuleFunction(rule)
      let double = try checkGradients(of: function, at: [x], name: "\(rule) Double")
      #expect(double.passed, "\(double)")
      let float = Float(x)
      let promoted = try checkGradients(of: function, at: [float], name: "\(rule) Float in Double")
      #expect(promoted.passed, "\(promoted)")
      let native = try checkGradients(of: function, at: [float], name: "\(rule) Float", arithmetic: .native)
      #expect(native.passed, "\(native)")
      #expect(native.arithmetic == "Float")
    }
  }

  @Test(arguments: binaryRules)
  func binaryRuleHasNoFalseFailure(_ rule: BinaryPrimitive) throws {
    let domain = try #require(RuleCatalogue.binary.first { $0.rule == rule })
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<100 {
      let point = [Double.random(in: domain.x, using: &generator), Double.random(in: domain.y, using: &generator)]
      let function = BinaryRuleFunction(rule)
      let double = try checkGradients(of: function, at: point, name: "\(rule) Double")
      #expect(double.passed, "\(double)")
      let float = point.map { Float($0) }
      let promoted = try checkGradients(of: function, at: float, name: "\(rule) Float in Double")
      #expect(promoted.passed, "\(promoted)")
      let native = try checkGradients(of: function, at: float, name: "\(rule) Float", arithmetic: .native)
      #expect(native.passed, "\(native)")
    }
  }
}
