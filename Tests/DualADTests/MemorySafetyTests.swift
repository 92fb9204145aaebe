@testable import DualAD
import Testing

// A variable kept past its tape, in safe code: every use is defined (no freed or reused memory is
// read or written, which .ci/run checks by running these tests under AddressSanitizer) and
// every operator that meets it throws `finishedTape`. The figures in the clean gradients around
// the misuse are by hand: a stale variable must not change another tape's results.

/// A function that keeps its variables from the first call and multiplies them in on the next:
/// the escape a user writes by accident, through every operator of ``ADFunction``.
private final class KeepingFunction: ADFunction {
  var kept: Any?
  func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] {
    if let old = kept as? [T] { return [x[0] * old[0] * old[1]] }
    kept = x
    return [x[0] * x[1]]
  }
}

@Suite("Memory safety: a variable kept past its tape throws, and reads no freed memory")
struct MemorySafetyTests {
  @Test("A variable kept in a local var across two gradient calls")
  func localVariableEscape() throws {
    var kept: [Variable<Double>] = []
    #expect(try gradient(at: [1.0, 2.0]) { x in kept = x; return x[0] * x[1] } == [2, 1])
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try gradient(at: [3.0]) { x in x[0] * kept[0] * kept[1] }
    }
    #expect(kept[0].isRecorded)
    // The next call is unaffected: d(x₀x₁²)/dx at (3, 2) = (x₁², 2x₀x₁) = (4, 12).
    #expect(try gradient(at: [3.0, 2.0]) { x in x[0] * x[1] * x[1] } == [4, 12])
  }

  @Test("An explicit Tape dropped, then arithmetic on its variables, then a gradient")
  func droppedTape() throws {
    var tape: Tape<Double>? = Tape()
    let a = tape!.variable(1), b = tape!.variable(2), c = tape!.variable(3)
    let abc = a * b + c  // two nodes plus a third: one node with three parents is recorded
    tape = nil
    // Arithmetic that would record (three and four nodes meeting), rescale, or merge in place.
    let square: Variable<Double> = abc * abc
    let withA: Variable<Double> = square + abc * a
    let expB: Variable<Double> = .exp(b)
    let stale: Variable<Double> = withA + expB * c - a / b
    let expected: Double = 30 + 3 * Double.exp(2) - 0.5
    #expect(stale.value == expected)
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try gradient(at: [1.0]) { x in x[0] * stale }
    }
    #expect(throws: DifferentiationError.finishedTape) { _ = try vjp(at: [1.0], cotangent: [1]) { _ in [stale] } }
    let fresh = Tape<Double>()
    let x = fresh.variable(4)
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try fresh.pullback(of: [stale], cotangent: [1], withRespectTo: [x])
    }
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try fresh.pullback(of: [x * x], cotangent: [1], withRespectTo: [a])
    }
  }

  @Test("A variable kept from vjp and mixed into 20 000 later gradients, after the buffers were reused")
  func keptAcrossManyCalls() throws {
    var kept: Variable<Double>?
    let first = try vjp(at: [2.0, 5.0], cotangent: [1]) { x in
      kept = x[0] * x[1] + x[0]
      return [kept!]
    }
    #expect(first.vjp == [6, 2])
    let stale = try #require(kept)
    var thrown = 0
    for k in 0..<20_000 {
      let t = Double(k % 7) + 1
      // A clean call between the misuses reuses the slot and the node buffers.
      let clean = try gradient(at: [t, 2]) { x in x[0] * x[0] * x[1] + x[1] }
      #expect(clean == [4 * t, t * t + 1])
      do {
        _ = try gradient(at: [t, 1, 2]) { x in (x[0] * x[1] + x[2]) * stale + x[0] * x[2] }
      } catch .finishedTape {
        thrown += 1
      }
    }
    #expect(thrown == 20_000)
  }

  @Test("Every tape kind: Float, Dual (H·v), DualVector (Hessian) and nested Variable")
  func everyTapeKind() throws {
    var float: [Variable<Float>] = []
    _ = try gradient(at: [Float(1), 2]) { x in float = x; return x[0] * x[1] }
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try gradient(at: [Float(3)]) { x in x[0] * float[0] * float[1] + x[0] * x[0] }
    }

    var dual: [Variable<Dual<Double>>] = []
    // H·v of x₀²x₁ at (1, 2) along (1, 0): H = [[2x₁, 2x₀], [2x₀, 0]], so H·v = (4, 2).
    #expect(try hessianVectorProduct(at: [1.0, 2], direction: [1, 0]) { x in dual = x; return x[0] * x[0] * x[1] } == [4, 2])
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try hessianVectorProduct(at: [1.0, 2], direction: [1, 0]) { x in x[0] * dual[0] * dual[1] + x[1] * x[0] }
    }

    var vector: [Variable<DualVector<8, Double>>] = []
    // The Hessian of x₀x₁ is [[0, 1], [1, 0]].
    #expect(try hessian(at: [1.0, 2]) { x in vector = x; return x[0] * x[1] } == [[0, 1], [1, 0]])
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try hessian(at: [1.0, 2]) { x in x[0] * vector[0] * vector[1] + x[1] * x[0] }
    }

    // Reverse over reverse: the inner tape's variables are the outer tape's values.
    var nested: [Variable<Variable<Double>>] = []
    let inner = Tape<Double>()
    let point = inner.variables([3, 4])
    let g = try gradient(at: point) { x in nested = x; return x[0] * x[1] }
    #expect(g.map(\.value) == [4, 3])
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try gradient(at: point) { x in x[0] * nested[0] * nested[1] + x[1] * x[0] }
    }
  }

  @Test("Every operator of ADFunction throws for a variable kept from its previous call")
  func adFunctionModes() throws {
    let gradientOf = KeepingFunction()
    #expect(try gradientOf.gradient(at: [1.0, 2]) == [2, 1])
    #expect(throws: DifferentiationError.finishedTape) { _ = try gradientOf.gradient(at: [1.0, 2]) }

    let vjpOf = KeepingFunction()
    _ = try vjpOf.vjp(at: [1.0, 2], cotangent: [1])
    #expect(throws: DifferentiationError.finishedTape) { _ = try vjpOf.vjp(at: [1.0, 2], cotangent: [1]) }

    let jacobianOf = KeepingFunction()
    #expect(try jacobianOf.jacobian(at: [1.0, 2], mode: .reverse) == [[2, 1]])
    #expect(throws: DifferentiationError.finishedTape) { _ = try jacobianOf.jacobian(at: [1.0, 2], mode: .reverse) }

    let hessianOf = KeepingFunction()
    #expect(try hessianOf.hessian(at: [1.0, 2]) == [[0, 1], [1, 0]])
    #expect(throws: DifferentiationError.finishedTape) { _ = try hessianOf.hessian(at: [1.0, 2]) }

    let hvpOf = KeepingFunction()
    #expect(try hvpOf.hessianVectorProduct(at: [1.0, 2], direction: [0, 1]) == [1, 0])
    #expect(throws: DifferentiationError.finishedTape) { _ = try hvpOf.hessianVectorProduct(at: [1.0, 2], direction: [0, 1]) }

    // valueWithGradient and reverseJacobian, the free functions, directly.
    var kept: [Variable<Double>] = []
    _ = try valueWithGradient(at: [1.0, 2]) { x in kept = x; return x[0] }
    #expect(throws: DifferentiationError.finishedTape) { _ = try valueWithGradient(at: [1.0]) { x in x[0] * kept[1] } }
    #expect(throws: DifferentiationError.finishedTape) { _ = try reverseJacobian(at: [1.0]) { x in [x[0], kept[0] + kept[1] * x[0]] } }
  }

  @Test("A variable from another tape that is still alive throws mixedTapes, not finishedTape")
  func liveOtherTape() throws {
    let first = Tape<Double>(), second = Tape<Double>()
    let a = first.variable(1), b = second.variable(2)
    #expect(throws: DifferentiationError.mixedTapes) { _ = try first.gradient(of: a * b, withRespectTo: [a]) }
    #expect(throws: DifferentiationError.mixedTapes) { _ = try second.gradient(of: b, withRespectTo: [a]) }
    // Nested calls: the outer call's tape is alive inside the inner one.
    #expect(throws: DifferentiationError.mixedTapes) {
      _ = try gradient(at: [1.0]) { (outer: [Variable<Double>]) throws(DifferentiationError) in
        let inner = try gradient(at: [2.0]) { x in x[0] * outer[0] }
        return outer[0] * Variable(inner[0])
      }
    }
  }

  @Test("A stale value meeting a live tape poisons that tape; two stale values stay stale")
  func poisonedResults() throws {
    var kept: [Variable<Double>] = []
    _ = try gradient(at: [1.0, 2]) { x in kept = x; return x[0] }
    let tape = Tape<Double>()
    let x = tape.variable(3)
    let poisoned = x * kept[0]
    #expect(poisoned.value == 3)
    // The live tape remembers the misuse: even its clean variables now throw.
    #expect(throws: DifferentiationError.finishedTape) { _ = try tape.gradient(of: x * x, withRespectTo: [x]) }
    let bothStale = kept[0] * kept[1] * kept[0] + kept[1]
    #expect(bothStale.value == 4)
    #expect(!bothStale.isCurrent)
  }

  @Test("Nodes with many parents from stale variables, on every tape format, after the buffers were reused")
  func wideNodesWithStaleVariables() throws {
    var kept: [Variable<Double>] = []
    _ = try gradient(at: [1.0, 2, 3, 4]) { x in kept = x; return x[0] }
    var keptDual: [Variable<Dual<Double>>] = []
    _ = try hessianVectorProduct(at: [1.0, 2, 3, 4], direction: [1, 0, 0, 0]) { x in keptDual = x; return x[0] }
    for k in 0..<2_000 {
      let t = Double(k % 5)
      // Reuse the buffers in between: d(Σ x) = (1, 1, 1, 1).
      #expect(try gradient(at: [t, 1, 2, 3]) { x in .combining(value: 0, terms: x.map { ($0, 1) }) } == [1, 1, 1, 1])
      // Only stale terms: stale, and nothing is written.
      let stale = Variable.combining(value: 5, terms: kept.map { ($0, 2) })
      #expect(stale.value == 5 && !stale.isCurrent)
      // Stale and live terms together, with the live ones on three nodes: the operators throw.
      #expect(throws: DifferentiationError.finishedTape) {
        _ = try gradient(at: [t, 1, 2]) { x in
          .combining(value: 0, terms: [(x[0], 1), (x[1], 1), (kept[2], 1), (x[2], 1), (kept[3], 1)])
        }
      }
      #expect(throws: DifferentiationError.finishedTape) {
        _ = try hessianVectorProduct(at: [t, 1, 2], direction: [1, 0, 0]) { x in
          let one = Dual<Double>(1)
          let terms: [(variable: Variable<Dual<Double>>, partial: Dual<Double>)] = [
            (x[0], one), (keptDual[1], one), (x[1], one), (x[2], one),
          ]
          return .combining(value: 0, terms: terms)
        }
      }
    }
    // Two live tapes in one node: mixedTapes on both.
    let first = Tape<Double>(), second = Tape<Double>()
    let a = first.variables([1, 2, 3]), b = second.variable(4)
    let mixed = Variable.combining(value: 0, terms: [(a[0], 1), (a[1], 1), (b, 1), (a[2], 1)])
    #expect(throws: DifferentiationError.mixedTapes) { _ = try first.gradient(of: mixed, withRespectTo: a) }
    #expect(throws: DifferentiationError.mixedTapes) { _ = try second.gradient(of: b, withRespectTo: [b]) }
  }

  @Test("Slots: every tape kind's storage fits one, and a slot's generation changes with each tape")
  func slots() throws {
    #expect(TapeSlot.fits(Double.self))
    #expect(TapeSlot.fits(Float.self))
    #expect(TapeSlot.fits(Dual<Double>.self))
    #expect(TapeSlot.fits(DualVector<8, Double>.self))
    #expect(TapeSlot.fits(Variable<Double>.self))
    #expect(TapeSlot.fits(Dual<Dual<Float>>.self))
    // A handle (slot and generation) is never handed out twice: tests running on other threads
    // may take a slot in between, but a reused slot always comes with a new generation.
    var seen: Set<UInt64> = []
    for _ in 0..<1_000 {
      let tape = Tape<Double>()
      #expect(tape.variable(1).isCurrent)
      seen.insert(tape.handle.bits)
    }
    #expect(seen.count == 1_000)
  }

  @Test("Handles: address and generation round-trip; a slot is retired after its last generation")
  func handles() throws {
    let slot = try #require(UnsafeMutableRawPointer(bitPattern: 0x7FFF_1234_5670))
    for generation in [0, 1, 15, 16, 0xABCDE, TapeHandle.generationCount - 1] {
      let handle = TapeHandle(slot: slot, generation: generation)
      #expect(handle.slot == slot)
      #expect(handle.generation == generation)
      #expect(handle.isRecorded)
    }
    // 2²⁰ generations, all different handles; then no more.
    #expect(TapeHandle.generationCount == 1 << 20)
    #expect(TapeSlot.isReusable(afterGeneration: TapeHandle.generationCount - 2))
    #expect(!TapeSlot.isReusable(afterGeneration: TapeHandle.generationCount - 1))
    #expect(!TapeHandle.canPack(try #require(UnsafeMutableRawPointer(bitPattern: 0x1_0000_0000_0000))))
    #expect(!TapeHandle.canPack(try #require(UnsafeMutableRawPointer(bitPattern: 0x1008))))
  }

  @Test("A variable kept across more tapes than a slot has generations stays stale")
  func keptAcrossEveryGeneration() throws {
    var kept: [Variable<Double>] = []
    _ = try gradient(at: [1.0, 2.0]) { x in kept = x; return x[0] * x[1] }
    let retiredBefore = TapeSlot.retired.load(ordering: .relaxed)
    // Until a slot reaches its last generation and is retired: about 2²⁰ tapes when this thread
    // has the pool to itself, more when tests on other threads share its slots.
    var made = 0
    while TapeSlot.retired.load(ordering: .relaxed) == retiredBefore && made < 16 * TapeHandle.generationCount {
      _ = Tape<Double>()
      made += 1
    }
    #expect(TapeSlot.retired.load(ordering: .relaxed) > retiredBefore)
    #expect(!kept[0].isCurrent)
    #expect(throws: DifferentiationError.finishedTape) {
      _ = try gradient(at: [3.0]) { x in x[0] * kept[0] * kept[1] }
    }
  }
}
