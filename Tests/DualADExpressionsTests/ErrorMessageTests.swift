import DualADExpressions
import Testing

@Suite("Every error message, with its column and caret")
struct ErrorMessageTests {
  private func parseError(_ source: String) -> ExpressionError? {
    do {
      _ = try Expression(source)
      return nil
    } catch { return error }
  }

  private func compileError(_ source: String, _ inputs: [(name: String, shape: Shape)]) -> ExpressionError? {
    do {
      _ = try Expression(source).compiled(for: inputs)
      return nil
    } catch { return error }
  }

  @Test func unknownFunctionSuggestsTheClosestName() {
    let e = parseError("sinn(x)")
    #expect(e?.message == "unknown function 'sinn' at column 1; did you mean 'sin'?")
    #expect(e?.column == 1)
    #expect(e?.caretLine == "^")
    #expect(e?.diagnostic == "unknown function 'sinn' at column 1; did you mean 'sin'?\nsinn(x)\n^")
    #expect(parseError("2 * logsumexpp(x)")?.message == "unknown function 'logsumexpp' at column 5; did you mean 'logsumexp'?")
    #expect(parseError("2 * logsumexpp(x)")?.caretLine == "    ^")
    #expect(parseError("frobnicate(x)")?.message == "unknown function 'frobnicate' at column 1; see the list of functions in the documentation")
  }

  @Test func lexicalErrors() {
    #expect(parseError("")?.message == "empty expression; write one, e.g. 'sum(x^2)'")
    let hash = parseError("x # y")
    #expect(hash?.message == "unexpected character '#' at column 3; use numbers, names, + - * / ^, parentheses, [ ] and commas")
    #expect(hash?.caretLine == "  ^")
    #expect(parseError("1.2.3 + x")?.message == "malformed number '1.2.3' at column 1; write numbers such as 2, 0.5 or 1e-3")
    #expect(parseError("x + 2e")?.message == "malformed number '2e' at column 5; write numbers such as 2, 0.5 or 1e-3")
    #expect(parseError("x + 2e")?.caretLine == "    ^")
    #expect(parseError("2x")?.message == "malformed number '2x' at column 1; write 2*x for a product")
    #expect(parseError("1e999")?.message == "number '1e999' at column 1 is too large for a Double")
  }

  @Test func syntaxErrors() {
    let end = parseError("x+")
    #expect(end?.message == "expected a number, a name or '(' at column 3, but found end of input")
    #expect(end?.caretLine == "  ^")
    #expect(parseError("(x")?.message == "expected ')' at column 3 to close the '(' at column 1, but found end of input")
    #expect(parseError("[1, 2")?.message == "expected ']' at column 6 to close the '[' at column 1, but found end of input")
    #expect(parseError("x)")?.message == "unexpected ')' at column 2; it closes nothing")
    #expect(parseError("x y")?.message == "expected an operator or end of input at column 3, but found name 'y'")
    #expect(parseError("sin(x y)")?.message == "expected ')' or ',' at column 7, but found name 'y'")
    #expect(parseError("*x")?.message == "expected a number, a name or '(' at column 1, but found '*'")
    #expect(parseError("[]")?.message == "empty list at column 1; a vector needs at least one element")
    #expect(parseError("sin(x, y)")?.message == "sin takes 1 argument but got 2 at column 1")
    #expect(parseError("atan2(x)")?.message == "atan2 takes 2 arguments but got 1 at column 1")
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let parentheses = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
    let e = parseError(parentheses)
    #expect(e?.message == "expression nests deeper than 256 levels at column 257; simplify it or split it in parts")
    #expect(e?.caretLine == String(repeating: " ", count: 256) + "^")
    #expect(parseError(String(repeating: "-", count: 100_000) + "x")?.kind == .nestingTooDeep(limit: 256))
    #expect(parseError(String(repeating: "sin(", count: 100_000) + "x")?.kind == .nestingTooDeep(limit: 256))
    #expect(parseError(String(repeating: "[", count: 100_000))?.kind == .nestingTooDeep(limit: 256))
    // Just inside the limit parses.
    #expect(parseError(String(repeating: "(", count: 255) + "x" + String(repeating: ")", count: 255)) == nil)
  }

  @Test func namesThatDoNotBind() {
    #expect(compileError("x*y", [("x", .scalar)])?.message == "variable 'y' at column 3 has no value; give it one with --at y=VALUE")
    #expect(compileError("x*y", [("x", .scalar), ("yy", .scalar)])?.message
      == "variable 'y' at column 3 has no value; give it one with --at y=VALUE (or did you mean 'yy'?)")
    #expect(compileError("sum(x)", [("x", .vector(2)), ("xs", .scalar)])?.message == "input 'xs' is not a variable of the expression; remove it")
    #expect(compileError("sum(x)", [("x", .vector(2)), ("x", .scalar)])?.message == "input 'x' is given more than once; give each variable one value")
    let function = compileError("sin + 1", [])
    #expect(function?.message == "'sin' at column 1 is a function; call it with arguments, e.g. sin(x)")
    #expect(function?.caretLine == "^")
  }

  @Test func shapesThatDoNotFit() {
    let add = compileError("x + y", [("x", .vector(2)), ("y", .vector(3))])
    #expect(add?.message == "the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0 in '+' at column 3; shapes [2] and [3] do not broadcast")
    #expect(add?.caretLine == "  ^")
    #expect(compileError("w * v", [("w", .matrix(rows: 2, columns: 3)), ("v", .vector(2))])?.message
      == "the size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1 in '*' at column 3; shapes [2, 3] and [2] do not broadcast")
    #expect(compileError("matmul(w, x)", [("w", .matrix(rows: 2, columns: 2)), ("x", .vector(3))])?.message
      == "matmul: shapes cannot be multiplied (2x2 and 3) at column 1; the last size of the first must equal the first size of the second")
    #expect(compileError("matmul(a, w)", [("a", .scalar), ("w", .matrix(rows: 2, columns: 2))])?.message
      == "both arguments to matmul need to be at least 1D, but they are 0D and 2D at column 1; use * to scale")
    #expect(compileError("dot(u, v)", [("u", .vector(3)), ("v", .vector(2))])?.message
      == "inconsistent tensor size, expected tensor [3] and src [2] to have the same number of elements, but got 3 and 2 elements respectively at column 1")
    #expect(compileError("dot(w, v)", [("w", .matrix(rows: 2, columns: 2)), ("v", .vector(2))])?.message
      == "1D tensors expected, but got 2D and 1D tensors at column 1; dot takes two vectors (use matmul for matrices)")
    #expect(compileError("bce_with_logits(z, t)", [("z", .vector(3)), ("t", .vector(2))])?.message
      == "Target size ([2]) must be the same as input size ([3]) at column 1")
    #expect(compileError("[x, y]", [("x", .scalar), ("y", .vector(2))])?.message
      == "list elements must all have one shape, but element 1 has shape [] and element 2 has shape [2] at column 5")
    #expect(compileError("[w]", [("w", .matrix(rows: 1, columns: 1))])?.message
      == "lists of matrices are not supported at column 1; values have at most two dimensions")
  }

  @Test func malformedInputs() {
    func inputError(_ text: String) -> String? {
      do {
        _ = try Input(parsing: text)
        return nil
      } catch { return error.message }
    }
    #expect(inputError("x") == "expected NAME=VALUE, e.g. x=1.5, x=1,2,3 or w=[[1,2],[3,4]], but got 'x'")
    #expect(inputError("1x=2") == "expected NAME=VALUE, e.g. x=1.5, x=1,2,3 or w=[[1,2],[3,4]], but got '1x=2'")
    #expect(inputError("x=1,a") == "malformed value for 'x': 'a' is not a number; write x=1.5, x=1,2,3 or x=[[1,2],[3,4]]")
    #expect(inputError("x=1,,2") == "malformed value for 'x': element 2 of '1,,2' is empty; write x=1.5, x=1,2,3 or x=[[1,2],[3,4]]")
    #expect(inputError("x=") == "malformed value for 'x': the value is empty; write x=1.5, x=1,2,3 or x=[[1,2],[3,4]]")
    #expect(inputError("w=[[1,2],[3]]") == "malformed value for 'w': row 2 has 1 elements but row 1 has 2; a matrix needs rows of one length; write w=1.5, w=1,2,3 or w=[[1,2],[3,4]]")
    #expect(inputError("w=[[1,2],[3,4]") == "malformed value for 'w': '[[1,2],[3,4]' is not a JSON array of numbers; write w=1.5, w=1,2,3 or w=[[1,2],[3,4]]")
    #expect(inputError("w=[[[1]]]") == "malformed value for 'w': arrays nested deeper than a matrix are not supported; write w=1.5, w=1,2,3 or w=[[1,2],[3,4]]")
  }

  @Test func validInputs() throws {
    #expect(try Input(parsing: "x=1.5") == Input(name: "x", shape: .scalar, values: [1.5]))
    #expect(try Input(parsing: "x=-1,-0.5,0") == Input(name: "x", shape: .vector(3), values: [-1, -0.5, 0]))
    #expect(try Input(parsing: "w=[[1,2],[3,4]]") == Input(name: "w", shape: .matrix(rows: 2, columns: 2), values: [1, 2, 3, 4]))
    #expect(try Input(parsing: "v=[1, 2]") == Input(name: "v", shape: .vector(2), values: [1, 2]))
  }
}
