import DualAD
import DualADTensor
import GradientCheck

/// One expectation's outcome: reverse mode's vᵀJ against the closed form.
struct ExpectationResult: Codable {
  let label: String
  let expected: [Double]
  let computed: [Double]
  let passed: Bool
}

/// One row of the summary: a function checked in both modes against GSL. For a Hessian row
/// (order 2) the modes are forward-over-forward and forward-over-reverse, the shape is n×n,
/// and the symmetry of Hessian-vector products is checked instead of the adjoint identity.
struct CaseResult: Codable {
  let name: String
  var order = 1
  let outputs: Int
  let inputs: Int
  let maxModeDifference: Double
  let maxErrorAgainstGSL: Double
  let worstToleranceRatio: Double
  let adjointPassed: Bool
  var symmetryPassed: Bool?
  let nonFiniteEntries: Int
  /// The Taylor test's slope (nil: every residual at round-off).
  var taylorSlope: Double?
  let expectations: [ExpectationResult]
  let passed: Bool
  let report: GradientCheckReport

  var shape: String { "\(outputs)×\(inputs)" }
}

enum VerificationFailure: Error, CustomStringConvertible {
  case check(name: String, GradientCheckError)
  case differentiation(name: String, DifferentiationError)
  case tensor(name: String, TensorError)

  var description: String {
    switch self {
    case .check(let name, let error): return "\(name): \(error)"
    case .differentiation(let name, let error): return "\(name): \(error)"
    case .tensor(let name, let error): return "\(name): \(error)"
    }
  }
}

/// Checks one case: both modes and the adjoint identity against GSL, then the closed forms.
func run(_ verificationCase: VerificationCase) throws(VerificationFailure) -> CaseResult {
  let report: GradientCheckReport
  do {
    report = try checkGradients(of: verificationCase.function, at: verificationCase.point, name: verificationCase.name)
  } catch {
    throw .check(name: verificationCase.name, error)
  }
  var expectations: [ExpectationResult] = []
  for e in verificationCase.expectations {
    let computed: [Double]
    do {
      computed = try verificationCase.function.vjp(at: verificationCase.point, cotangent: e.cotangent).vjp
    } catch {
      throw .differentiation(name: verificationCase.name, error)
    }
    // Closed forms are exact up to a few roundings.
    let passed = computed.count == e.expected.count
      && zip(computed, e.expected).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * Swift.max(1, Swift.abs($1)) }
    expectations.append(ExpectationResult(label: e.label, expected: e.expected, computed: computed, passed: passed))
  }
  return CaseResult(
    name: verificationCase.name, outputs: report.outputCount, inputs: report.inputCount,
    maxModeDifference: report.maxModeDifference, maxErrorAgainstGSL: report.maxAbsoluteError,
    worstToleranceRatio: report.worstEntry?.toleranceRatio ?? 0,
    adjointPassed: report.adjoint?.passed ?? true, nonFiniteEntries: report.nonFiniteEntries.count,
    taylorSlope: report.taylor?.slope, expectations: expectations, passed: report.passed && expectations.allSatisfy(\.passed), report: report)
}
