import DualAD

// A libFuzzer target for the reverse-mode core: random sequences of API calls in safe code.
// Tapes are made and dropped, variables are kept across calls, operators see mixed and stale
// variables. Each input byte picks an action (see `Action`), the bytes after it its operands.
//
// Findings: a crash or sanitizer report (freed or reused memory touched), an operator that
// returns numbers although a variable it met came from a finished or another tape, one that
// throws although everything it met was live and from its own tape, and a clean gradient
// (by hand: ∇(x₀x₁ + x₀) = (x₁ + 1, x₀)) that comes out wrong after the misuse.
//
// Built only by Scripts/fuzz, with `-sanitize=fuzzer,address -D FUZZING`, like ExpressionFuzzer.

#if FUZZING
@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTape(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  var program = Program(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  program.run()
  return 0
}

@_cdecl("TapeFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var (argc, argv) = (argc, argv)
  return runFuzzerDriver(&argc, &argv, fuzzTape)
}
#else
@main
enum TapeFuzzerStub {
  static func main() {
    print("TapeFuzzer runs only as a libFuzzer build: bash Scripts/fuzz SECONDS TapeFuzzer")
  }
}
#endif

/// What the fuzzer knows of a tape, to predict whether an operator must throw.
final class TapeRecord {
  var alive = true
  /// Values of another tape met this one: its operators throw from now on.
  var poisoned = false
}

/// A variable kept by the program, with the tape it was recorded on (nil for a constant).
struct Kept<Value: ADScalar> {
  let variable: Variable<Value>
  let record: TapeRecord?
}

enum Action: UInt8, CaseIterable {
  case makeTape, dropTape, input, unary, binary, gradient, vjp, pullback, hessianVectorProduct, reverseJacobian,
    cleanGradient
}

/// Stops the process on a finding: libFuzzer saves the input that led here.
func finding(_ message: String) -> Never {
  fatalError("TapeFuzzer finding: \(message)")
}

struct Program {
  var bytes: [UInt8]
  var position = 0
  var tapes: [(tape: Tape<Double>, record: TapeRecord)?] = [nil, nil, nil]
  var kept: [Kept<Double>] = []
  var keptDual: [Kept<Dual<Double>>] = []

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func next() -> Int {
    guard position < bytes.count else { return 0 }
    defer { position += 1 }
    return Int(bytes[position])
  }

  mutating func run() {
    while position < bytes.count {
      guard let action = Action(rawValue: UInt8(next() % Action.allCases.count)) else { continue }
      step(action)
    }
  }

  /// The record a result of two operands belongs to, marking the tapes the misuse poisons: a
  /// live tape that meets a stale or another live one.
  static func join(_ a: TapeRecord?, _ b: TapeRecord?) -> TapeRecord? {
    guard let a else { return b }
    guard let b, a !== b else { return a }
    if a.alive { a.poisoned = true }
    if b.alive { b.poisoned = true }
    return a.alive || !b.alive ? a : b
  }

  /// Whether an operator on `tape` must throw, given the records of the variables it meets.
  static func mustThrow(on tape: TapeRecord, meeting records: [TapeRecord?]) -> Bool {
    tape.poisoned || records.contains { $0 != nil && $0 !== tape }
  }

  mutating func pick<Value>(_ pool: [Kept<Value>]) -> Kept<Value>? {
    pool.isEmpty ? nil : pool[next() % pool.count]
  }

  mutating func keep(_ variable: Variable<Double>, _ record: TapeRecord?) {
    if kept.count >= 64 { kept.removeFirst() }
    kept.append(Kept(variable: variable, record: record))
  }

  mutating func step(_ action: Action) {
    switch action {
    case .makeTape:
      let slot = next() % tapes.count
      tapes[slot]?.record.alive = false
      tapes[slot] = (Tape<Double>(reservingCapacity: next()), TapeRecord())
    case .dropTape:
      let slot = next() % tapes.count
      tapes[slot]?.record.alive = false
      tapes[slot] = nil
    case .input:
      guard let (tape, record) = tapes[next() % tapes.count] else { return }
      keep(tape.variable(Double(next()) / 32 - 4), record)
    case .unary:
      guard let x = pick(kept) else { return }
      let v = x.variable
      let results: [Variable<Double>] = [.exp(v / 64), .sin(v), 3 * v + 1, .sqrt(v * v + 1)]
      keep(results[next() % results.count], x.record)
    case .binary:
      guard let x = pick(kept), let y = pick(kept) else { return }
      let (a, b) = (x.variable, y.variable)
      let results: [Variable<Double>] = [a + b, a - b, a * b, a / (b * b + 1), a * b + a]
      keep(results[next() % results.count], Self.join(x.record, y.record))
    case .gradient:
      let mixedIn = pick(kept)
      let record = TapeRecord()
      var escaped: [Variable<Double>] = []
      let result = Result { () throws(DifferentiationError) in
        try gradient(at: [1.5, -2]) { x in
          escaped = x
          guard let m = mixedIn else { return x[0] * x[1] }
          _ = Self.join(record, m.record)
          return x[0] * m.variable + x[1]
        }
      }
      record.alive = false
      check(result, mustThrow: Self.mustThrow(on: record, meeting: [mixedIn?.record]), "gradient")
      for x in escaped { keep(x, record) }
    case .vjp:
      let mixedIn = pick(kept)
      let record = TapeRecord()
      let result = Result { () throws(DifferentiationError) in
        try vjp(at: [0.5, 2], cotangent: [1, -1]) { x in
          self.keep(x[0] * x[1], record)
          guard let m = mixedIn else { return [x[0], x[1] * x[0]] }
          _ = Self.join(record, m.record)
          return [x[0] * m.variable, x[1] - m.variable * x[0]]
        }
      }
      record.alive = false
      check(result.map(\.vjp), mustThrow: Self.mustThrow(on: record, meeting: [mixedIn?.record]), "vjp")
    case .pullback:
      guard let (tape, record) = tapes[next() % tapes.count], let y = pick(kept), let x = pick(kept) else { return }
      let result = Result { () throws(DifferentiationError) in
        try tape.pullback(of: [y.variable], cotangent: [1], withRespectTo: [x.variable])
      }
      check(result, mustThrow: Self.mustThrow(on: record, meeting: [y.record, x.record]), "pullback")
    case .hessianVectorProduct:
      let mixedIn = pick(keptDual)
      let record = TapeRecord()
      var escaped: [Variable<Dual<Double>>] = []
      let result = Result { () throws(DifferentiationError) in
        try hessianVectorProduct(at: [1, 2], direction: [1, 0]) { x in
          escaped = x
          guard let m = mixedIn else { return x[0] * x[0] * x[1] }
          _ = Self.join(record, m.record)
          return x[0] * m.variable * x[1] + x[0]
        }
      }
      record.alive = false
      check(result, mustThrow: Self.mustThrow(on: record, meeting: [mixedIn?.record]), "hessianVectorProduct")
      if keptDual.count >= 16 { keptDual.removeFirst() }
      keptDual += escaped.map { Kept(variable: $0, record: record) }
    case .reverseJacobian:
      let mixedIn = pick(kept)
      let record = TapeRecord()
      let result = Result { () throws(DifferentiationError) in
        try reverseJacobian(at: [3, 4]) { x in
          guard let m = mixedIn else { return [x[0] * x[1], x[1]] }
          _ = Self.join(record, m.record)
          return [x[0] * x[1] * m.variable, x[1] + m.variable]
        }
      }
      record.alive = false
      check(result.map { $0.flatMap { $0 } }, mustThrow: Self.mustThrow(on: record, meeting: [mixedIn?.record]), "reverseJacobian")
    case .cleanGradient:
      let x0 = Double(next()) / 16, x1 = Double(next()) / 16 - 8
      guard let g = try? gradient(at: [x0, x1], of: { x in x[0] * x[1] + x[0] }), g == [x1 + 1, x0] else {
        finding("a clean gradient after misuse is wrong")
      }
    }
  }

  func check(_ result: Result<[Double], DifferentiationError>, mustThrow: Bool, _ name: String) {
    switch (result, mustThrow) {
    case (.success, true): finding("\(name) returned numbers although it met a variable of a finished or another tape")
    case (.failure(let error), false): finding("\(name) threw \(error) although everything it met was live and its own")
    default: break
    }
  }
}
