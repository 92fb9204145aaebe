import DualAD
import Foundation
import GradientCheck
import SwiftADAudit
import Testing
import _Differentiation

/// A user's registration with the mistake of swift issue #58070: Σxᵢ's pullback returns the
/// arguments where the gradient is all ones.
func userSum(_ x: [Double]) -> Double { x.reduce(0, +) }

@derivative(of: userSum)
func userSumVJP(_ x: [Double]) -> (value: Double, pullback: (Double) -> Array<Double>.TangentVector) {
  (x.reduce(0, +), { v in Array<Double>.TangentVector(x.map { $0 * v }) })
}

/// Two arguments with a pullback that swaps the partials of x·y².
func userProduct(_ x: Double, _ y: Double) -> Double { x * y * y }

@derivative(of: userProduct)
func userProductVJP(_ x: Double, _ y: Double) -> (value: Double, pullback: (Double) -> (Double, Double)) {
  (x * y * y, { v in (2 * x * y * v, y * y * v) })
}

@Suite("Swift's built-in AD audited against GSL")
struct SwiftADAuditTests {
  @Test("Swift's derivatives of exp, log, sin and pow pass, and equal the closed forms")
  func builtInsPass() throws {
    let x = 0.7
    let expSin = try checkSwiftDerivative(of: { (x: Double) in exp(x) * sin(x) }, at: x)
    #expect(expSin.passed, "\(expSin)")
    let expected = Foundation.exp(x) * (Foundation.sin(x) + Foundation.cos(x))
    #expect(Swift.abs((expSin.entries[0].reverse ?? 0) - expected) < 1e-14)
    let logarithm = try checkSwiftDerivative(of: { (x: Double) in log(x) }, at: 2.5)
    #expect(logarithm.passed, "\(logarithm)")
    #expect(logarithm.entries[0].reverse == 0.4)
    let power = try checkSwiftDerivative(of: { (x: Double, y: Double) in pow(x, y) }, at: 2, 3)
    #expect(power.passed, "\(power)")
    // ∂/∂x = y·x^(y−1) = 12, ∂/∂y = xʸ·ln x = 8 ln 2.
    #expect(Swift.abs((power.entries[0].reverse ?? 0) - 12) < 1e-12)
    #expect(Swift.abs((power.entries[1].reverse ?? 0) - 8 * Foundation.log(2.0)) < 1e-12)
    let float = try checkSwiftDerivative(of: { (x: Float) in sin(x) * x }, at: Float(1.25))
    #expect(float.passed, "\(float)")
    #expect(float.tolerance == .float)
  }

  @Test("Arrays: [Double] ↦ Double and [Float] ↦ [Float]")
  func arrays() throws {
    let gradient = try checkSwiftDerivative(of: { (x: [Double]) -> Double in x[0] * x[1] + exp(x[2]) }, at: [2, 3, 0])
    #expect(gradient.passed, "\(gradient)")
    #expect(gradient.entries.map { $0.reverse ?? .nan } == [3, 2, 1])
    let jacobian = try checkSwiftDerivative(
      of: { (x: [Float]) -> [Float] in [x[0] * x[1], sin(x[0])] }, at: [Float(0.5), 2])
    #expect(jacobian.passed, "\(jacobian)")
    #expect(jacobian.outputCount == 2)
    #expect(jacobian.entries[1].reverse == 0.5)  // row-major: out 0, in 1
    #expect(jacobian.entries[2].reverse == Double(Float.cos(0.5)))
    #expect(jacobian.entries[3].reverse == 0)
  }

  @Test("A registered pullback that returns its arguments (swift #58070) is caught")
  func issue58070() throws {
    let report = try checkSwiftDerivative(of: { (x: [Double]) in userSum(x) }, at: [1, 2, 3])
    #expect(report.verdict == .failed)
    #expect(report.entries.map { $0.reverse ?? .nan } == [1, 2, 3])
    #expect(report.entries.allSatisfy { Swift.abs($0.numerical - 1) < 1e-8 })
    #expect(report.mismatches.map(\.input) == [1, 2])  // x₀ = 1 happens to be right
  }

  @Test("Swapped partials of a two-argument function are caught")
  func twoArguments() throws {
    let report = try checkSwiftDerivative(of: { (x: Double, y: Double) in userProduct(x, y) }, at: 1.5, 2)
    #expect(report.verdict == .failed)
    // ∂(xy²)/∂x = y² = 4, ∂/∂y = 2xy = 6: the registration swaps them.
    #expect(report.entries.map { $0.reverse ?? .nan } == [6, 4])
  }

  @Test("The verification demonstrations: correct registrations pass, wrong ones are caught")
  func demonstrations() throws {
    let all = try swiftDerivativeDemonstrations()
    #expect(all.count == 6)
    for d in all {
      #expect(d.report.passed == d.registeredDerivativeIsCorrect, "\(d.name)\n\(d.report)")
    }
  }

  @Test("DualAD's and Swift's gradient(at:of:) in one file: qualify by module")
  func nameClash() throws {
    let dual = try DualAD.gradient(at: [2.0, 3.0]) { (x: [Variable<Double>]) in x[0] * x[1] }
    let swift = _Differentiation.gradient(at: 3.0, of: { (x: Double) in x * x })
    #expect(dual == [3, 2])
    #expect(swift == 6)
  }
}
