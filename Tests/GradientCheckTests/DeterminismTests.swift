import DualAD
import GradientCheck
import Testing

/// Counts its calls, so that a function can drift between evaluations.
private final class CallCounter {
  var calls = 0
}

/// f(x) = x₀² + drift·(number of earlier calls): a cache or counter that leaks into the value.
private struct Drifting: ADFunction {
  let counter = CallCounter()
  let drift: Double
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    defer { counter.calls += 1 }
    return [x[0] * x[0] + T(T.Primal(drift * Double(counter.calls)))]
  }
}

/// One output for x₀ > 1, two otherwise: the length changes right at x₀ = 1.
private struct LengthChanging: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x[0].primal > 1 ? [x[0]] : [x[0], x[0]] }
}

@Suite("Determinism and output-length stability")
struct DeterminismTests {
  @Test("A function that drifts by 10⁻⁴ per call fails, with the two values")
  func driftingFunctionFails() throws {
    let report = try checkGradients(of: Drifting(drift: 1e-4), at: [1.0])
    let determinism = try #require(report.determinism)
    #expect(!determinism.passed)
    // The first evaluation is 1² + 0, the next 1² + 10⁻⁴, the one after the differences larger still.
    #expect(determinism.first == [1])
    #expect(determinism.difference > 1e-4 * 0.999)
    #expect(report.verdict == .failed)
    #expect(report.failures.contains("f is not deterministic"))
    #expect(report.description.contains("determinism: f is not deterministic: output 0 was 1, then"))
  }

  @Test("A deterministic function: three identical evaluations")
  func deterministicFunctionPasses() throws {
    let report = try checkGradients(of: Drifting(drift: 0), at: [3.0])
    #expect(report.determinism?.passed == true)
    #expect(report.determinism?.difference == 0)
    #expect(report.passed, "\(report)")
  }

  @Test("The tolerance is settable, like nondet_tol: a jitter of 10⁻¹⁴ passes with 10⁻¹³, fails with 0")
  func settableTolerance() throws {
    var calls = 0
    let jittering = { (x: [Double]) -> [Double] in
      calls += 1
      return [x[0] * x[0] + (calls % 2 == 0 ? 1e-14 : 0)]
    }
    let strict = try checkGradients(at: [2], value: jittering, jvp: { x, t in [2 * x[0] * t[0]] })
    #expect(strict.determinism?.passed == false)
    #expect(strict.verdict == .failed)
    var tolerance = GradientCheckTolerance.double
    tolerance.nondeterminism = 1e-13
    let lenient = try checkGradients(at: [2], value: jittering, jvp: { x, t in [2 * x[0] * t[0]] }, tolerance: tolerance)
    #expect(lenient.determinism?.passed == true, "\(lenient)")
    #expect(lenient.passed, "\(lenient)")
  }

  @Test("A negative nondeterminism tolerance is refused")
  func negativeTolerance() {
    var tolerance = GradientCheckTolerance.double
    tolerance.nondeterminism = -1
    #expect(throws: GradientCheckError.invalidTolerance(name: "the nondeterminism tolerance", value: -1)) {
      try checkGradients(of: Drifting(drift: 0), at: [1.0], tolerance: tolerance)
    }
  }

  @Test("Hessian checks evaluate f and ∇f three times too")
  func hessianDeterminism() throws {
    let report = try checkHessian(of: Drifting(drift: 1e-4), at: [1.0])
    #expect(report.determinism?.passed == false)
    #expect(report.verdict == .failed)
    let steady = try checkHessian(of: Drifting(drift: 0), at: [1.0])
    #expect(steady.determinism?.passed == true)
    #expect(steady.passed, "\(steady)")
  }

  @Test("Fast mode evaluates f three times too")
  func fastModeDeterminism() throws {
    let report = try checkGradients(of: Drifting(drift: 1e-4), at: [1.0], directions: 2)
    #expect(report.determinism?.passed == false)
    #expect(report.verdict == .failed)
  }

  @Test("An output length that changes near the point is an error naming the point")
  func outputLengthChange() {
    // At x = 1 the function has 2 outputs; GSL's central difference evaluates 1 + h, where it has 1.
    #expect {
      try checkGradients(of: LengthChanging(), at: [1.0])
    } throws: { error in
      guard case .outputLengthChanged(expected: 2, got: 1, let point) = error as? GradientCheckError else { return false }
      return point.count == 1 && point[0] > 1 && point[0] < 1.01
    }
    let message = (try? checkGradients(of: LengthChanging(), at: [1.0])).map { "\($0)" } ?? ""
    #expect(message.isEmpty)
    do {
      _ = try checkGradients(of: LengthChanging(), at: [1.0])
    } catch {
      #expect(error.description.hasPrefix("the function returned 1 outputs at [1.00"))
      #expect(error.description.hasSuffix("but 2 at the point; a Jacobian needs the same output length near the point: check at a point away from where the length changes"))
    }
    // The fast mode and the Hessian check see it as well.
    #expect(throws: GradientCheckError.self) { try checkGradients(of: LengthChanging(), at: [1.0], directions: 1) }
  }
}
