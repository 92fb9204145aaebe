import DualAD
import DualADExpressions
import Testing

// Integer literals at and past the ends of Int, as exponents: a defined value and derivative in
// every mode, never a trap. Expected values by hand: an exponent of magnitude ≥ 2⁶³ is an even
// integer as a Double, so (−1)ⁿ = 1 with d/dx xⁿ = n·(−1)ⁿ⁻¹ = −n at x = −1.

@Suite("Integer literals past Int in the expression language")
struct IntegerLiteralTests {
  private func compiled(_ source: String) throws -> CompiledExpression {
    try Expression(source).compiled(for: [("x", .scalar)])
  }

  /// Value, forward derivative and reverse gradient at `x`.
  private func differentiate(_ source: String, at x: Double) throws -> (value: Double, forward: Double, reverse: Double) {
    let f = try compiled(source)
    return (f.evaluate([x])[0], try f.jacobian(at: [x], mode: .forward)[0][0], try f.gradient(at: [x])[0])
  }

  @Test("x^-9223372036854775808: 0 at −2, and 1 at −1 with derivative 2⁶³")
  func exponentIntMin() throws {
    let atMinusTwo = try differentiate("x^-9223372036854775808", at: -2)
    #expect(atMinusTwo.value == 0 && atMinusTwo.forward == 0 && atMinusTwo.reverse == 0)
    let atMinusOne = try differentiate("x^-9223372036854775808", at: -1)
    #expect(atMinusOne.value == 1)
    #expect(atMinusOne.forward == 9_223_372_036_854_775_808.0)
    #expect(atMinusOne.reverse == 9_223_372_036_854_775_808.0)
    // At 2: 2^(−2⁶³) underflows to 0.
    #expect(try compiled("x^-9223372036854775808").evaluate([2.0]) == [0])
  }

  @Test("x^9223372036854775807 is x^(2⁶³) as a Double: 1 at −1 with derivative −2⁶³")
  func exponentIntMax() throws {
    let r = try differentiate("x^9223372036854775807", at: -1)
    #expect(r.value == 1)
    #expect(r.forward == -9_223_372_036_854_775_808.0 && r.reverse == -9_223_372_036_854_775_808.0)
  }

  @Test("x^99999999999999999999999 (past Int): ∞ at −2, 0 at −0.5")
  func exponentPastInt() throws {
    let f = try compiled("x^99999999999999999999999")
    #expect(f.evaluate([-2.0]) == [.infinity])
    #expect(f.evaluate([-0.5]) == [0])
  }

  @Test("x^-1048577, just past the integer-power form: (−1)^odd = −1 with derivative −n·(−1)ⁿ⁻¹ = −1048577")
  func exponentJustPastIntegerPower() throws {
    let r = try differentiate("x^-1048577", at: -1)
    #expect(r.value == -1)
    #expect(r.forward == -1_048_577 && r.reverse == -1_048_577)
    let inside = try differentiate("x^-1048576", at: -1)
    #expect(inside.value == 1 && inside.forward == 1_048_576 && inside.reverse == 1_048_576)
  }

  @Test("pow(x, -9223372036854775808) and a folded constant exponent take the same rule")
  func exponentThroughPow() throws {
    #expect(try compiled("pow(x, -9223372036854775808)").evaluate([-1.0]) == [1])
    #expect(try compiled("x^(0 - 9223372036854775808)").evaluate([-1.0]) == [1])
    #expect(try compiled("x^(2^63)").evaluate([-1.0]) == [1])
  }

  @Test("a caret line for a column outside the source is nil, not a trap")
  func caretOutsideTheSource() {
    #expect(ExpressionError(.emptyList, column: Int.max, source: "x").caretLine == nil)
    #expect(ExpressionError(.emptyList, column: Int.min, source: "x").caretLine == nil)
    #expect(ExpressionError(.emptyList, column: 2, source: "x").caretLine == " ^")
  }

  @Test("Shape.count of a shape past Int is Int.max, not a trap")
  func shapeCountPastInt() {
    #expect(Shape.matrix(rows: Int.max, columns: 2).count == Int.max)
    #expect(Shape.matrix(rows: 3, columns: 2).count == 6)
  }
}
