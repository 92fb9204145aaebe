import Synchronization

/// A reverse-mode tape: records the operations on its ``Variable``s, then sweeps them backward.
///
/// Most code never sees a tape: ``gradient(at:of:)`` and ``vjp(at:cotangent:of:)`` make one per
/// call. Use a tape directly to record once and sweep many times, e.g. one Jacobian row per
/// sweep. Tapes share nothing, so separate tasks can each differentiate on their own.
///
/// To differentiate again, record on a new tape: its memory comes from a pool of released
/// buffers, so a fresh tape costs a lock, not fresh pages. (There is deliberately no `reset()`:
/// a variable kept from before a reset would name nodes that no longer exist.)
public final class Tape<Value: ADScalar> {
  /// The storage, in a slot that outlives the tape (see ``TapeSlot``).
  @usableFromInline let storage: UnsafeMutablePointer<TapeStorage<Value>>
  /// The slot and its generation while this tape is alive: every variable recorded here
  /// carries it.
  @usableFromInline let handle: TapeHandle

  /// A tape with room for `capacity` operands (parent references) before it grows.
  @inlinable
  public convenience init(reservingCapacity capacity: Int = 1024) {
    self.init(reservingCapacity: capacity, nodeLimit: TapeStorage<Value>.maximumCount)
  }

  /// A tape that holds at most `nodeLimit` nodes: a full tape is tested without 2³¹ of them.
  ///
  /// Inlinable, and the storage is ended by ``end``, a closure made here: code specialized for
  /// `Value` then does both, where generic code looked up `TapeStorage<Value>`'s metadata three
  /// times per tape (about 1 000 instructions, a sixth of a small gradient call).
  @inlinable
  init(reservingCapacity capacity: Int, nodeLimit: Int) {
    // A static fact about TapeStorage's layout, tested for every tape kind.
    precondition(TapeSlot.fits(Value.self), "TapeStorage outgrew TapeSlot.storageCapacity")
    let slot = TapeSlot.acquire()
    storage = slot.storage.bindMemory(to: TapeStorage<Value>.self, capacity: 1)
    storage.initialize(to: TapeStorage(capacity: capacity, limit: nodeLimit))
    handle = slot.handle
    end = { storage in
      let operands = storage.pointee.operandCount
      storage.pointee.deallocate()
      storage.deinitialize(count: 1)
      return operands
    }
  }

  /// Returns the storage's buffers to the pool and deinitializes it: its operand count.
  @usableFromInline let end: (UnsafeMutablePointer<TapeStorage<Value>>) -> Int

  deinit {
    recentTapeSize.store(end(storage), ordering: .relaxed)
    TapeSlot.release(handle)
  }

  /// A new independent input: a node with no parents.
  @inlinable
  public func variable(_ value: Value) -> Variable<Value> {
    Variable(value: value, index: storage.pointee.recordInput(), tape: handle)
  }

  /// New independent inputs, one node each.
  @inlinable
  public func variables(_ values: [Value]) -> [Variable<Value>] {
    let n = values.count
    let first = storage.pointee.count
    // Inputs before any other node are only numbered: nothing is written for them.
    guard first == storage.pointee.leadingInputs &+ 1, n <= storage.pointee.limit &- first else {
      return values.map { variable($0) }
    }
    storage.pointee.leadingInputs = first &+ n &- 1
    storage.pointee.count = first &+ n
    storage.pointee.updateOperandBound()
    return [Variable<Value>](unsafeUninitializedCapacity: n) { buffer, initialized in
      for k in 0..<n {
        (buffer.baseAddress! + k).initialize(
          to: Variable(
            value: values[k], index: Int32(truncatingIfNeeded: first &+ k), tape: handle))
      }
      initialized = n
    }
  }

  /// The capacity for a tape about to record a function of `inputs` inputs: at least 16 operands
  /// per input, or as many as the last tape that finished, since code usually differentiates the
  /// same function again (an optimizer's loop), and growing a large tape step by step copies it
  /// several times. Capped at 2²⁶ operands (768 MiB with `Double`), beyond which growth is cheap
  /// by comparison.
  @usableFromInline
  static func suggestedCapacity(forInputs inputs: Int) -> Int {
    Swift.min(Swift.max(16 * inputs, recentTapeSize.load(ordering: .relaxed)), 1 << 26)
  }

  /// Nodes recorded so far, the sink node 0 included.
  public var nodeCount: Int { storage.pointee.count }

  /// Parent references recorded so far, over all nodes: a node with k parents has k operands.
  public var operandCount: Int { storage.pointee.operandCount }

  /// Memory per operand: a 32-bit parent index and a partial.
  public static var bytesPerOperand: Int { MemoryLayout<UInt32>.stride + MemoryLayout<Value>.stride }

  /// Memory for the recorded function during a sweep: (4 + s)·operands + s·nodes bytes, with s
  /// the size of a value (the adjoint is one value per node).
  public var byteCount: Int { operandCount * Self.bytesPerOperand + nodeCount * MemoryLayout<Value>.stride }

  /// Memory per node of a node with two parents, adjoint included: 2(4 + s) + s bytes, 32 with
  /// `Double`. A node with k parents costs k(4 + s) + s; an input recorded first costs s.
  public static var bytesPerNode: Int { 2 * bytesPerOperand + MemoryLayout<Value>.stride }

  /// The vector-Jacobian product vᵀJ = Σₖ vₖ ∂yₖ/∂x for each input x, by one backward sweep.
  ///
  /// `inputs` are the variables made by ``variable(_:)``.
  ///
  /// - Throws: ``DifferentiationError`` when the lengths of `outputs` and `cotangent` differ,
  ///   when a value from another tape was mixed in, or when the tape is full.
  @inlinable
  public func pullback(
    of outputs: [Variable<Value>], cotangent: [Value], withRespectTo inputs: [Variable<Value>]
  ) throws(DifferentiationError) -> [Value] {
    guard outputs.count == cotangent.count else {
      throw .cotangentLengthMismatch(expected: outputs.count, got: cotangent.count)
    }
    try validate(outputs)
    try validate(inputs)
    return sweep(outputs: outputs, cotangent: cotangent, inputs: inputs)
  }

  /// The pullback for operators whose inputs are one call's ``variables(_:)`` on this tape:
  /// consecutive nodes with scale 1, so their adjoints are copied straight from the sweep's
  /// buffer.
  @inlinable
  func pullbackOfOwnInputs(
    of outputs: [Variable<Value>], cotangent: [Value], withRespectTo inputs: [Variable<Value>]
  ) throws(DifferentiationError) -> [Value] {
    guard outputs.count == cotangent.count else {
      throw .cotangentLengthMismatch(expected: outputs.count, got: cotangent.count)
    }
    try validate(outputs)
    let first = Int(inputs.first?.index ?? 0)
    return sweep(outputs: outputs, cotangent: cotangent) { adjoint in
      // A copy of a buffer: the array is allocated by specialized code, where
      // `Array(unsafeUninitializedCapacity:)` looks up the array's type at run time (about 500
      // instructions per call).
      Array(UnsafeBufferPointer(start: adjoint + first, count: inputs.count))
    }
  }

  /// Seeds the outputs' adjoints with the cotangent, sweeps, and reads the result from the
  /// adjoints before their buffer goes back to the pool.
  @inlinable
  func sweep(
    outputs: [Variable<Value>], cotangent: [Value], reading result: (UnsafeMutablePointer<Value>) -> [Value]
  ) -> [Value] {
    let count = storage.pointee.count
    let (adjoint, adjointCapacity) = BufferPool.allocate(Value.self, count: count)
    adjoint.initialize(repeating: 0, count: count)
    defer {
      adjoint.deinitialize(count: count)
      BufferPool.release(adjoint, capacity: adjointCapacity)
    }
    var last = 0
    for (y, v) in zip(outputs, cotangent) where y.tape.isRecorded {
      adjoint[Int(y.index)] += v * y.scale
      last = max(last, Int(y.index))
      if y.otherIndex != 0 {
        adjoint[Int(y.otherIndex)] += v * y.otherScale
        last = max(last, Int(y.otherIndex))
      }
    }
    storage.pointee.sweep(from: last, adjoint: adjoint)
    return result(adjoint)
  }

  @inlinable
  func sweep(outputs: [Variable<Value>], cotangent: [Value], inputs: [Variable<Value>]) -> [Value] {
    sweep(outputs: outputs, cotangent: cotangent) { adjoint in
      inputs.map { x in
        guard x.tape.isRecorded else { return 0 }
        let own = adjoint[Int(x.index)] * x.scale
        return x.otherIndex == 0 ? own : own + adjoint[Int(x.otherIndex)] * x.otherScale
      }
    }
  }

  /// The gradient ∂y/∂x of one scalar output, by one backward sweep seeded with ȳ = 1.
  @inlinable
  public func gradient(
    of output: Variable<Value>, withRespectTo inputs: [Variable<Value>]
  ) throws(DifferentiationError) -> [Value] {
    try pullback(of: [output], cotangent: [1], withRespectTo: inputs)
  }

  /// Throws the misuse recorded while taping, or if a variable belongs to another tape, live
  /// or finished.
  @inlinable
  func validate(_ variables: [Variable<Value>]) throws(DifferentiationError) {
    if let misuse = storage.pointee.misuse { throw misuse }
    for v in variables where v.tape.isRecorded && v.tape != handle {
      throw v.isCurrent ? .mixedTapes : .finishedTape
    }
  }
}

/// The operand count of the most recently finished tape (see ``Tape/suggestedCapacity(forInputs:)``).
private let recentTapeSize = Atomic<Int>(0)
