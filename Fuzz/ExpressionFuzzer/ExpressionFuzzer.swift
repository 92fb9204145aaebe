import DualAD
import DualADExpressions

// A libFuzzer target for the expression language: the parser, the `NAME=VALUE` input parser,
// the compiler and the evaluator in plain, forward and reverse mode.
//
// An input is UTF-8 text: the first line is the expression, each further line a binding
// `NAME=VALUE` as the command line takes it; variables without a binding are scalars.
// Errors are expected and fine; a crash, a sanitizer report or a hang is a finding.
//
// Built only by Scripts/fuzz, with `-sanitize=fuzzer,address -D FUZZING`. SwiftPM links an
// executable with `main` aliased to `ExpressionFuzzer_main`, so that symbol starts libFuzzer's
// driver. The ordinary build compiles the stub below instead.

#if FUZZING
@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  exercise(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
  return 0
}

@_cdecl("ExpressionFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var (argc, argv) = (argc, argv)
  return runFuzzerDriver(&argc, &argv, fuzzExpression)
}
#else
@main
enum ExpressionFuzzerStub {
  static func main() {
    print("ExpressionFuzzer runs only as a libFuzzer build: bash Scripts/fuzz SECONDS")
  }
}
#endif

/// Everything a user can reach with one expression and its inputs.
func exercise(_ text: String) {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  guard let source = lines.first, let expression = try? Expression(source) else { return }
  _ = expression.description
  var inputs: [Input] = []
  for line in lines.dropFirst() {
    if let input = try? Input(parsing: line) { inputs.append(input) }
  }
  var bound = Set(inputs.map(\.name))
  for (i, name) in expression.variables.enumerated() where !bound.contains(name) {
    if let input = try? Input(name: name, shape: .scalar, values: [0.25 + Double(i)]) {
      inputs.append(input)
      bound.insert(name)
    }
  }
  guard let f = try? expression.compiled(for: inputs) else { return }
  // Keep one execution cheap: a forward Jacobian costs one pass per input.
  guard f.inputCount <= 64, f.outputCount <= 64 else { return }
  let x = inputs.flatMap(\.values)
  let y: [Double] = f(x)
  _ = f.inputLabels
  guard !x.isEmpty else { return }
  _ = try? f.jacobian(at: x, mode: .forward)
  _ = try? f.jacobian(at: x, mode: .vectorForward)
  _ = try? f.jacobian(at: x, mode: .reverse)
  _ = try? f.vjp(at: x, cotangent: [Double](repeating: 1, count: y.count))
  _ = try? f.jvp(at: x, tangent: [Double](repeating: 1, count: x.count))
  if y.count == 1 {
    _ = try? f.gradient(at: x)
    if x.count <= 8 { _ = try? f.hessian(at: x) }
  }
  // A wrong number of inputs must not crash either.
  let short = Array(x.dropLast())
  let _: [Double] = f(short)
}
