import DualAD
import DualADExpressions
import Testing

// The entries of the error catalogue (DualAD.docc/ErrorCatalogue.md) that ErrorMessageTests does
// not already trigger: limits, shapes given by library callers, and the rarer malformed values.

@Suite("Error catalogue: ExpressionError")
struct ExpressionErrorCatalogueTests {
  private func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch { return (error as? ExpressionError)?.message }
  }

  @Test func tooLong() {
    let source = String(repeating: "x+", count: 600_000) + "x"  // 1 200 001 bytes
    #expect(message { _ = try Expression(source) }
      == "expression is 1200001 bytes long, more than the limit of 1048576; split it into smaller expressions")
  }

  @Test func invalidShapeFromACaller() {
    #expect(message { _ = try Expression("sum(x)").compiled(for: [("x", .vector(-1))]) }
      == "input 'x' has shape [-1]; every size must be 0 or more, and the number of elements must fit in an Int")
    #expect(message { _ = try Expression("sum(w)").compiled(for: [("w", .matrix(rows: Int.max, columns: 2))]) }
      == "input 'w' has shape [9223372036854775807, 2]; every size must be 0 or more, and the number of elements must fit in an Int")
    // Each input fits, their total does not.
    #expect(message { _ = try Expression("sum(a) + sum(b)").compiled(for: [("a", .vector(Int.max)), ("b", .vector(1))]) }
      == "input 'b' has shape [1]; every size must be 0 or more, and the number of elements must fit in an Int")
  }

  @Test func resultWithTooManyElements() {
    let inputs: [(name: String, shape: Shape)] = [
      ("a", .matrix(rows: Int.max, columns: 0)), ("b", .matrix(rows: 0, columns: Int.max)),
    ]
    #expect(message { _ = try Expression("sum(matmul(a, b))").compiled(for: inputs) }
      == "the result at column 5 would have shape [9223372036854775807, 9223372036854775807], more elements (or bytes) than an Int can count; use smaller inputs")
  }

  @Test func resultBeyondTheMemory() throws {
    // [2²⁰, 1] + [2²⁰] broadcasts to 2⁴⁰ elements: 8 · 2⁴⁰ = 8 796 093 022 208 bytes.
    let inputs: [(name: String, shape: Shape)] = [("x", .vector(1 << 20)), ("y", .matrix(rows: 1 << 20, columns: 1))]
    #expect(message { _ = try Expression("sum(x + y)").compiled(for: inputs) }
      == "DefaultCPUAllocator: can't allocate memory: you tried to allocate 8796093022208 bytes for the result at "
      + "column 7 of shape [1048576, 1048576], more than the \(StorageLimit.bytes) bytes of physical memory; use smaller inputs")
    // Empty operands, a product of 2⁴⁰ elements.
    let empty: [(name: String, shape: Shape)] = [
      ("a", .matrix(rows: 1 << 20, columns: 0)), ("b", .matrix(rows: 0, columns: 1 << 20)),
    ]
    let error = try #require(throws: ExpressionError.self) { try Expression("sum(matmul(a, b))").compiled(for: empty) }
    #expect(error.kind == .cannotAllocate(
      shape: .matrix(rows: 1 << 20, columns: 1 << 20), bytes: 8_796_093_022_208, limit: StorageLimit.bytes))
  }

  @Test func malformedValuesNotCoveredElsewhere() {
    func inputError(_ text: String) -> String? { message { _ = try Input(parsing: text) } }
    #expect(inputError("x=[]") == "malformed value for 'x': the array is empty; write x=1.5, x=1,2,3 or x=[[1,2],[3,4]]")
    #expect(inputError("w=[[1,2],3]")
      == "malformed value for 'w': mixes numbers and arrays, or has an empty row; write w=1.5, w=1,2,3 or w=[[1,2],[3,4]]")
    #expect(message { _ = try Input(name: "v", shape: .vector(3), values: [1, 2]) }
      == "malformed value for 'v': 2 elements do not fill shape [3]; write v=1.5, v=1,2,3 or v=[[1,2],[3,4]]")
    #expect(message { _ = try Input(name: "w", shape: .matrix(rows: Int.max, columns: 2), values: [1]) }
      == "malformed value for 'w': 1 elements do not fill shape [9223372036854775807, 2]; write w=1.5, w=1,2,3 or w=[[1,2],[3,4]]")
  }
}
