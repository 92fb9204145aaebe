import _Differentiation
import Foundation
import GradientCheck

// Functions with registered derivatives, right and wrong, for the verification report: the
// audit must pass Swift's own derivatives of exp, log, sin and pow, and catch a registered
// pullback that is wrong. They live here because this is the one target that imports
// _Differentiation.

/// Σxᵢ, whose registered pullback below makes the mistake of swift issue #58070: it returns its
/// arguments where the gradient is all ones.
func sumReturningArguments(_ x: [Double]) -> Double { x.reduce(0, +) }

@derivative(of: sumReturningArguments)
func sumReturningArgumentsVJP(_ x: [Double]) -> (value: Double, pullback: (Double) -> Array<Double>.TangentVector) {
  (x.reduce(0, +), { v in Array<Double>.TangentVector(x.map { $0 * v }) })
}

/// Σxᵢ with the right pullback, v ↦ (v, …, v).
func sumOfElements(_ x: [Double]) -> Double { x.reduce(0, +) }

@derivative(of: sumOfElements)
func sumOfElementsVJP(_ x: [Double]) -> (value: Double, pullback: (Double) -> Array<Double>.TangentVector) {
  (x.reduce(0, +), { v in Array<Double>.TangentVector([Double](repeating: v, count: x.count)) })
}

/// x² with a pullback that forgets the factor 2.
func squareMissingTwo(_ x: Float) -> Float { x * x }

@derivative(of: squareMissingTwo)
func squareMissingTwoVJP(_ x: Float) -> (value: Float, pullback: (Float) -> Float) {
  (x * x, { v in v * x })
}

/// One audited function: whether its registered derivatives are right, and the report.
public struct SwiftDerivativeDemonstration: Sendable {
  public var name: String
  /// True for Swift's own derivatives and correct registrations; false for the deliberately
  /// wrong ones, which the audit must catch.
  public var registeredDerivativeIsCorrect: Bool
  public var report: GradientCheckReport
}

/// Audits Swift's built-in derivatives (exp, log, sin, pow; scalars, arrays, two arguments,
/// Float) and deliberately wrong registered derivatives, each against GSL.
public func swiftDerivativeDemonstrations() throws(GradientCheckError) -> [SwiftDerivativeDemonstration] {
  [
    SwiftDerivativeDemonstration(
      name: "exp(x)·sin(x) + log(x) at 0.7", registeredDerivativeIsCorrect: true,
      report: try checkSwiftDerivative(of: { (x: Double) in exp(x) * sin(x) + log(x) }, at: 0.7, name: "exp·sin + log")),
    SwiftDerivativeDemonstration(
      name: "pow(x, y) at (1.5, 2.5)", registeredDerivativeIsCorrect: true,
      report: try checkSwiftDerivative(of: { (x: Double, y: Double) in pow(x, y) }, at: 1.5, 2.5, name: "pow")),
    SwiftDerivativeDemonstration(
      name: "[Float] ↦ (sin x₀·x₁, exp x₁) at (0.3, −1.2)", registeredDerivativeIsCorrect: true,
      report: try checkSwiftDerivative(
        of: { (x: [Float]) -> [Float] in [sin(x[0]) * x[1], exp(x[1])] }, at: [0.3, -1.2], name: "sin·x, exp")),
    SwiftDerivativeDemonstration(
      name: "registered Σx with the right pullback at (1, 2, 3)", registeredDerivativeIsCorrect: true,
      report: try checkSwiftDerivative(of: { (x: [Double]) in sumOfElements(x) }, at: [1, 2, 3], name: "sumOfElements")),
    SwiftDerivativeDemonstration(
      name: "registered Σx whose pullback returns its arguments (swift #58070) at (1, 2, 3)",
      registeredDerivativeIsCorrect: false,
      report: try checkSwiftDerivative(
        of: { (x: [Double]) in sumReturningArguments(x) }, at: [1, 2, 3], name: "sumReturningArguments")),
    SwiftDerivativeDemonstration(
      name: "registered Float x² whose pullback forgets the 2, at 1.5", registeredDerivativeIsCorrect: false,
      report: try checkSwiftDerivative(of: { (x: Float) in squareMissingTwo(x) }, at: 1.5, name: "squareMissingTwo")),
  ]
}
