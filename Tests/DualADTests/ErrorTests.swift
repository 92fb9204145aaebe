import Testing
import DualAD

@Suite("Misuse is a thrown error")
struct ErrorTests {
  @Test("A tangent of the wrong length")
  func tangentLength() throws {
    #expect(throws: DifferentiationError.tangentLengthMismatch(expected: 3, got: 2)) {
      try Square().jvp(at: [1.0, 2, 3], tangent: [1, 0])
    }
    let message = DifferentiationError.tangentLengthMismatch(expected: 3, got: 2).description
    #expect(message == "tangent has 2 elements but the function has 3 inputs; pass one tangent element per input")
  }

  @Test("A cotangent of the wrong length")
  func cotangentLength() throws {
    #expect(throws: DifferentiationError.cotangentLengthMismatch(expected: 5, got: 1)) {
      try Square().vjp(at: [1.0, 5, 6, 10, 16], cotangent: [1])
    }
  }

  @Test("An empty input where one is needed")
  func emptyInput() throws {
    #expect(throws: DifferentiationError.emptyInput(operator: "gradient(at:of:)")) {
      try gradient(at: [Double]()) { _ in Variable(1.0) }
    }
    #expect(throws: DifferentiationError.self) { try Identity().jacobian(at: [Double](), mode: .forward) }
    #expect(throws: DifferentiationError.self) { try Identity().jacobian(at: [Double](), mode: .reverse) }
  }

  @Test("gradient of a vector output uses PyTorch's words")
  func nonScalar() throws {
    #expect(throws: DifferentiationError.nonScalarOutput(count: 2)) { try Square().gradient(at: [1.0, 16]) }
    #expect(DifferentiationError.nonScalarOutput(count: 2).description
      .hasPrefix("grad can be implicitly created only for scalar outputs"))
  }

  @Test("Variables from two tapes in one operation")
  func mixedTapes() throws {
    let first = Tape<Double>(), second = Tape<Double>()
    let a = first.variable(1), b = second.variable(2)
    let c = a * b
    #expect(throws: DifferentiationError.mixedTapes) { try first.gradient(of: c, withRespectTo: [a]) }
    #expect(throws: DifferentiationError.mixedTapes) { try second.gradient(of: b, withRespectTo: [a]) }
  }
}
