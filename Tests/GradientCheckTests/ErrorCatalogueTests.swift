import DualAD
import GradientCheck
import Testing

// The GradientCheckError entries of the error catalogue (DualAD.docc/ErrorCatalogue.md): each
// triggered through the public API, with the whole message checked.

private struct NoOutputs: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [] }
}

private struct TwoOutputs: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0], x[0] * x[0]] }
}

@Suite("Error catalogue: GradientCheckError")
struct GradientCheckErrorCatalogueTests {
  private func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch { return (error as? GradientCheckError)?.description }
  }

  @Test func emptyInput() {
    #expect(message { _ = try checkGradients(of: ElementwiseLog(), at: [Double]()) }
      == "gradient check needs at least one input, but the point is empty; pass the point to check at")
  }

  @Test func noOutputs() {
    #expect(message { _ = try checkGradients(of: NoOutputs(), at: [1.0]) }
      == "the function returned no outputs at the point; a gradient check needs at least one output")
  }

  @Test func nonFiniteInput() {
    #expect(message { _ = try checkGradients(of: ElementwiseLog(), at: [1.0, .nan]) }
      == "input 1 of the point is nan; check at a point where every coordinate is finite")
    #expect(message { _ = try numericalJacobian(at: [-.infinity]) { $0 } }
      == "input 0 of the point is -inf; check at a point where every coordinate is finite")
  }

  @Test("a non-finite value: the point is outside the function's domain")
  func nonFiniteValue() {
    #expect(message { _ = try checkGradients(of: ElementwiseLog(), at: [1.0, 0]) }
      == "output 1 of the function is -inf at the point; move the point inside the function's domain")
    #expect(message { _ = try checkGradients(of: ElementwiseSqrt(), at: [-1.0]) }?
      .hasSuffix(" at the point; move the point inside the function's domain") == true)
  }

  @Test func lengthMismatch() {
    #expect(message {
      _ = try checkGradients(at: [1, 2], value: { $0 }, jvp: { _, t in [t[0]] })
    } == "jvp returned 1 elements but 2 were expected; return one element per output")
    #expect(message {
      _ = try checkGradients(at: [1, 2], value: { [$0[0] + $0[1]] }, vjp: { _, v in v })
    } == "vjp returned 1 elements but 2 were expected; return one element per input")
  }

  @Test func nothingToCheck() {
    #expect(message { _ = try checkGradients(at: [1], value: { $0 }) }
      == "nothing to check: pass a jvp closure, a vjp closure, or both")
  }

  @Test func differentiation() {
    #expect(message { _ = try checkHessian(of: TwoOutputs(), at: [1.0]) }
      == "automatic differentiation failed: grad can be implicitly created only for scalar outputs (the function has 2 outputs); use vjp with a cotangent, or jacobian")
  }

  @Test func outputLengthChanged() {
    struct LengthChanging: ADFunction {
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x[0].primal > 1 ? [x[0]] : [x[0], x[0]] }
    }
    #expect(GradientCheckError.outputLengthChanged(expected: 2, got: 1, point: [1.001]).description
      == "the function returned 1 outputs at [1.001] but 2 at the point; a Jacobian needs the same output length near the point: check at a point away from where the length changes")
    #expect(message { _ = try checkGradients(of: LengthChanging(), at: [1.0]) }?.hasPrefix("the function returned 1 outputs at [1.0") == true)
    // A long point is shown by its first 8 coordinates and its length.
    #expect(GradientCheckError.outputLengthChanged(expected: 1, got: 0, point: Array(repeating: 0, count: 10)).description
      .hasPrefix("the function returned 0 outputs at [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, … (10 coordinates)] but 1"))
  }

  @Test func invalidDirectionCount() {
    #expect(message { _ = try checkGradients(of: ElementwiseLog(), at: [1.0], directions: 0) }
      == "a fast check needs at least one direction pair, but 0 were asked for; pass directions of 1 or more")
  }

  @Test func invalidTolerance() {
    var tolerance = GradientCheckTolerance.double
    tolerance.nondeterminism = -1
    #expect(message { _ = try checkGradients(of: ElementwiseLog(), at: [1.0], tolerance: tolerance) }
      == "the nondeterminism tolerance is -1.0; pass a tolerance that is 0 or more")
  }

  /// GSL 2's differentiation routines always return GSL_SUCCESS, and the error handler is turned
  /// off before the first call (its default calls abort()), so this entry guards later versions;
  /// the message is checked with GSL's own text for GSL_EDOM.
  @Test func gsl() {
    #expect(GradientCheckError.gsl(code: 1, message: "input domain error").description
      == "GSL numerical differentiation failed with code 1 (input domain error); check that the function is smooth near the point")
  }

  @Test("a function that is NaN on one side of the point: GSL falls back to one-sided differences, no error")
  func oneSidedFallback() throws {
    // √x at 0: the central difference needs √(−h); the forward difference is finite but huge.
    let j = try numericalJacobian(at: [0.0]) { [Double.sqrt($0[0])] }
    #expect(j.entries[0][0].method == .forward)
    #expect(j.values[0][0] > 10)  // the true derivative is +∞
  }
}
