import DualAD
import GradientCheck
import Testing

/// f(x₀, x₁) = (x₀·x₁, sin x₀): a small Jacobian with a known closed form.
struct ProductAndSine: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1], T.sin(x[0])] }
}

struct ElementwiseSqrt: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.sqrt($0) } }
}

struct ElementwiseLog: ADFunction {
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { x.map { T.log($0) } }
}

struct ReportTests {
  @Test func entriesHoldBothModesAndGSLAgainstTheClosedForm() throws {
    let report = try checkGradients(of: ProductAndSine(), at: [0.5, 2.0])
    #expect(report.passed, "\(report)")
    #expect(report.outputCount == 2 && report.inputCount == 2)
    // J = [[x₁, x₀], [cos x₀, 0]] = [[2, 0.5], [0.877582…, 0]].
    let closedForm = [[2.0, 0.5], [Double.cos(0.5), 0]]
    #expect(report.entries.count == 4)
    for entry in report.entries {
      let truth = closedForm[entry.output][entry.input]
      #expect(Swift.abs((entry.forward ?? .nan) - truth) < 1e-15)
      #expect(Swift.abs((entry.reverse ?? .nan) - truth) < 1e-15)
      #expect(Swift.abs(entry.numerical - truth) <= 10 * entry.abserr + 1e-12)
      #expect(entry.abserr >= 0 && entry.abserr < 1e-6)
      #expect(entry.method == .central)
    }
    #expect(report.adjoint?.passed == true)
  }

  @Test func descriptionIsAnAlignedTableThatNamesTheBrokenEntry() throws {
    let report = try checkGradients(
      name: "square without the 2", at: [1, 3], value: { $0.map { $0 * $0 } },
      jvp: { x, t in zip(x, t).map { $0 * $1 } })
    let lines = report.description.split(separator: "\n").map(String.init)
    // J·u is wrong by half, so the Taylor residual falls like h: the second referee agrees.
    #expect(lines[0] == "gradient check square without the 2: FAILED (2 outputs × 2 inputs, Double, forward; 2 of 4 entries mismatch, Taylor residuals fall with slope 1)")
    let header = try #require(lines.first { $0.contains("verdict") })
    let rows = lines.filter { $0.hasPrefix("   ") && ($0.hasSuffix("pass") || $0.hasSuffix("MISMATCH")) }
    #expect(rows.count == 4)
    // Aligned: every row as wide as the header up to the verdict column.
    let verdictColumn = try #require(header.range(of: "verdict")).lowerBound.utf16Offset(in: header)
    for row in rows { #expect(row.count >= verdictColumn) }
    #expect(rows.filter { $0.hasSuffix("MISMATCH") }.count == 2)
    // The worst entry is x = 3: AD 3, truth 6.
    let worst = try #require(report.worstEntry)
    #expect(worst.output == 1 && worst.input == 1)
    #expect(Swift.abs(worst.absoluteError - 3) < 1e-9)
    #expect(report.description.contains("worst: out 1, in 1"))
  }

  @Test func userStyleCheckInAFloatTest() throws {
    // The example of the documentation: a Float function, checked in Double by default.
    let report = try checkGradients(of: ElementwiseLog(), at: [0.25, 1, 40] as [Float])
    #expect(report.passed, "\(report)")
    #expect(report.arithmetic == "Double")
    // d log x / dx = 1/x.
    #expect(report.entries.filter { $0.output == $0.input }.map { $0.reverse ?? 0 } == [4, 1, 0.025])
  }

  @Test func nonFiniteDerivativeIsInconclusiveNotAMismatch() throws {
    // √x at 0: the derivative 1/(2√x) is infinite. The value √0 = 0 is finite, so the check runs,
    // but an entry that cannot be compared makes it inconclusive, never passed.
    let report = try checkGradients(of: ElementwiseSqrt(), at: [0.0, 4.0])
    #expect(report.verdict == .inconclusive, "\(report)")
    #expect(!report.passed)
    #expect(report.failures.isEmpty)
    #expect(report.description.hasPrefix("gradient check ElementwiseSqrt: INCONCLUSIVE"))
    #expect(report.mismatches.isEmpty)
    // (0,0) is ∞; the partial ∞ also meets a zero seed in IEEE arithmetic (∞·0 = NaN):
    // forward mode at (0,1) and reverse mode at (1,0), as in every AD system.
    #expect(report.nonFiniteEntries.map { [$0.output, $0.input] } == [[0, 0], [0, 1], [1, 0]])
    let entry = try #require(report.nonFiniteEntries.first)
    #expect(entry.forward == .infinity)
    #expect(entry.reverse == .infinity)
    #expect(report.nonFiniteEntries[1].forward?.isNaN == true)
    #expect(report.nonFiniteEntries[2].reverse?.isNaN == true)
    #expect(report.description.contains("non-finite"))
    // The finite entry at x = 4 is still compared: 1/(2·2) = 0.25.
    let four = try #require(report.entries.first { $0.output == 1 && $0.input == 1 })
    #expect(four.verdict == .pass)
    #expect(four.forward == 0.25)
  }

  @Test func misuseThrowsTypedErrorsThatSayWhatToDo() {
    #expect(throws: GradientCheckError.emptyInput) { try checkGradients(of: ElementwiseLog(), at: [Double]()) }
    #expect(throws: GradientCheckError.nonFiniteValue(output: 0, value: -.infinity)) {
      try checkGradients(of: ElementwiseLog(), at: [0.0])
    }
    #expect(throws: GradientCheckError.nonFiniteInput(index: 1, value: .infinity)) {
      try checkGradients(of: ElementwiseLog(), at: [1.0, .infinity])
    }
    #expect(throws: GradientCheckError.nothingToCheck) { try checkGradients(at: [1], value: { $0 }) }
    #expect(throws: GradientCheckError.lengthMismatch(what: "jvp", expected: 1, got: 2)) {
      try checkGradients(at: [1], value: { $0 }, jvp: { _, t in t + t })
    }
    #expect(throws: GradientCheckError.noOutputs) { try checkGradients(at: [1], value: { _ in [] }, jvp: { _, t in t }) }
    #expect(GradientCheckError.nonFiniteValue(output: 0, value: .nan).description.contains("move the point inside the function's domain"))
    #expect(GradientCheckError.emptyInput.description.contains("pass the point"))
  }
}

@Suite("The adjoint identity's allowance")
struct AdjointAllowanceTests {
  /// f(x) = −sinh(asinh(Σx)) + Σx is 0 up to round-off, and so is every entry of J; the entries
  /// are differences of terms near 1, so their round-off is relative to those terms (|v|ᵀA|u|),
  /// not to J. Scaled by J alone, the identity failed falsely here.
  struct CancellingSum: ADFunction {
    func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
      let s = x.reduce(0, +)
      return [-T.sinh(T.asinh(s)) + s]
    }
  }

  @Test("Entries that cancel to round-off do not fail the adjoint identity")
  func cancellingEntries() throws {
    let report = try checkGradients(of: CancellingSum(), at: [2.0, 1, 3, 3])
    #expect(report.adjoint?.passed == true, "\(report)")
    #expect(report.passed, "\(report)")
  }

  @Test("The absolute Jacobian sums the magnitudes of the paths: A for x·y − x·y is 2|y|, 2|x|")
  func absoluteJacobianOfCancellation() {
    struct Difference: ADFunction {
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1] - x[1] * x[0]] }
    }
    #expect(absoluteJacobian(of: Difference(), at: [3, -2]) == [[4, 6]])
  }
}
