@testable import DualAD
import DualADTensor
import Testing

// One test per entry of the error catalogue (DualAD.docc/ErrorCatalogue.md): each triggers the
// error through the public API and checks the whole message a user reads.

/// The error `body` throws, or nil.
private func thrown<E: Error>(_: E.Type, _ body: () throws -> Void) -> E? {
  do { try body() } catch let error as E { return error } catch {}
  return nil
}

@Suite("Error catalogue: DifferentiationError")
struct DifferentiationErrorCatalogueTests {
  @Test func emptyInput() {
    let error = thrown(DifferentiationError.self) { _ = try gradient(at: [Double]()) { _ in Variable(1.0) } }
    #expect(error == .emptyInput(operator: "gradient(at:of:)"))
    #expect(error?.description
      == "gradient(at:of:) needs at least one input, but got an empty array; pass the point to differentiate at")
  }

  @Test func inputCountMismatch() throws {
    struct Product: ADFunction {
      var expectedInputCount: Int? { 2 }
      func callAsFunction<T: ADScalar>(_ x: [T]) -> [T] { [x[0] * x[1]] }
    }
    let error = thrown(DifferentiationError.self) { _ = try Product().gradient(at: [1.0, 2, 3]) }
    #expect(error == .inputCountMismatch(expected: 2, got: 3))
    #expect(error?.description
      == "the function takes 2 inputs but the point has 3 coordinates; pass one value per input, in the function's order")
    // Every operator of ADFunction checks; a function without a fixed count is not checked.
    #expect(thrown(DifferentiationError.self) { _ = try Product().jacobian(at: [1.0], mode: .reverse) } == .inputCountMismatch(expected: 2, got: 1))
    #expect(thrown(DifferentiationError.self) { _ = try Product().hessian(at: [1.0, 2, 3]) } == .inputCountMismatch(expected: 2, got: 3))
    #expect(try Product().gradient(at: [3.0, 4]) == [4, 3])
  }

  @Test func tangentLengthMismatch() {
    let error = thrown(DifferentiationError.self) { _ = try Square().jvp(at: [1.0, 2, 3], tangent: [1, 0]) }
    #expect(error?.description
      == "tangent has 2 elements but the function has 3 inputs; pass one tangent element per input")
  }

  @Test func cotangentLengthMismatch() {
    let error = thrown(DifferentiationError.self) { _ = try Square().vjp(at: [1.0, 5], cotangent: [1]) }
    #expect(error?.description
      == "cotangent has 1 elements but the function has 2 outputs; pass one cotangent element per output")
  }

  @Test func nonScalarOutput() {
    let error = thrown(DifferentiationError.self) { _ = try Square().gradient(at: [1.0, 16]) }
    #expect(error?.description
      == "grad can be implicitly created only for scalar outputs (the function has 2 outputs); use vjp with a cotangent, or jacobian")
  }

  @Test func mixedTapes() {
    let first = Tape<Double>(), second = Tape<Double>()
    let a = first.variable(1), b = second.variable(2)
    let error = thrown(DifferentiationError.self) { _ = try first.gradient(of: a * b, withRespectTo: [a]) }
    #expect(error?.description
      == "a variable from another tape was used; record all inputs of one computation on the same tape")
  }

  @Test func finishedTape() {
    var kept: [Variable<Double>] = []
    _ = try? gradient(at: [1.0, 2.0]) { x in kept = x; return x[0] * x[1] }
    let error = thrown(DifferentiationError.self) { _ = try gradient(at: [3.0]) { x in x[0] * kept[0] * kept[1] } }
    #expect(error == .finishedTape)
    #expect(error?.description
      == "a variable from a finished tape was used; compute it inside the closure, or pass its value in as an input")
  }

  @Test("Mixing tapes is caught when a combination of two nodes meets another tape, on both tapes")
  func mixedTapesThroughACombination() {
    let first = Tape<Double>(), second = Tape<Double>()
    let a = first.variables([1, 2]), b = second.variable(3)
    let pair = a[0] * a[1]  // depends on two nodes of the first tape, records nothing
    let mixed = pair + b
    #expect(throws: DifferentiationError.mixedTapes) { try first.gradient(of: mixed, withRespectTo: a) }
    #expect(throws: DifferentiationError.mixedTapes) { try second.gradient(of: b * 2, withRespectTo: [b]) }
  }

  @Test func inconsistentOutputCount() {
    // The first column sees tangent 1 on x₀ (one output), the second tangent 0 (two outputs).
    let error = thrown(DifferentiationError.self) {
      _ = try forwardJacobian(at: [3.0, 4]) { (x: [Dual<Double>]) in x[0].tangent == 1 ? [x[0]] : [x[0], x[1]] }
    }
    #expect(error == .inconsistentOutputCount(first: 1, now: 2))
    #expect(error?.description
      == "the function returned 1 outputs on the first pass and 2 on a later one; make the number of outputs independent of the tangent")
  }

  @Test func perturbationConfusion() {
    let error = thrown(DifferentiationError.self) {
      _ = try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
        x * Dual(try derivative(at: 1.0) { y in x + y })
      }
    }
    #expect(error?.description
      == "perturbation confusion: a dual number from an outer derivative was used inside an inner derivative of the same type; differentiate the inner function at Dual<Outer> (e.g. derivative(at: Dual(x0)) { y in Dual(constant: x) + y }) so that each level has its own type")
  }

  @Test func dotLengthMismatch() throws {
    let error = thrown(DifferentiationError.self) {
      _ = try gradient(at: [1.0, 2, 3]) { x in Variable.dot(x, [x[0], x[1]]) }
    }
    #expect(error == .dotLengthMismatch(lhs: 3, rhs: 2))
    #expect(error?.description
      == "dot: inconsistent tensor size, expected tensor [3] and src [2] to have the same number of elements, but got 3 and 2 elements respectively; pass two arrays of the same length")
    // Every reverse-mode operator; forward mode and plain values give NaN.
    #expect(thrown(DifferentiationError.self) { _ = try hessian(at: [1.0, 2, 3]) { x in .dot(x, [x[0], x[1]]) } }
      == .dotLengthMismatch(lhs: 3, rhs: 2))
    #expect(thrown(DifferentiationError.self) {
      _ = try hessianVectorProduct(at: [1.0, 2], direction: [1, 0]) { x in .dot([x[0]], x) }
    } == .dotLengthMismatch(lhs: 1, rhs: 2))
    #expect(try derivative(at: 1.0) { x in .dot([x, x, x], [x, x]) }.isNaN)
    #expect(Double.dot([1, 2, 3], [4, 5]).isNaN)
    // Constant weights: the same error, the constants' length first.
    #expect(thrown(DifferentiationError.self) {
      _ = try gradient(at: [1.0, 2]) { x in Variable.dot(constants: [1, 2, 3], x) }
    } == .dotLengthMismatch(lhs: 3, rhs: 2))
    #expect(Double.dot(constants: [1], [4, 5]).isNaN)
  }

  /// A real tape holds 2³¹ − 1 nodes (tens of GiB); a tape limited to 64 nodes fills the same way.
  @Test func tapeFull() throws {
    #expect(DifferentiationError.tapeFull(limit: 2_147_483_647).description
      == "the tape is full (2147483647 nodes); differentiate smaller pieces, or use forward mode for functions with few inputs")
    let tape = Tape<Double>(reservingCapacity: 16, nodeLimit: 64)
    let x = tape.variables([1, 2, 3])
    var sum = x[0] * x[1]  // one node; each further term meets the sum: one node each
    for k in 0..<100 { sum = sum + x[k % 2] * x[2] }
    #expect(tape.nodeCount <= 64)
    #expect(throws: DifferentiationError.tapeFull(limit: 64)) { try tape.gradient(of: sum, withRespectTo: x) }
    #expect(throws: DifferentiationError.tapeFull(limit: 64)) { try tape.pullback(of: [sum], cotangent: [1], withRespectTo: x) }
    // Exactly 64 nodes fit: the sink, 3 inputs and 60 terms. At (1, 2, 3),
    // d(x₀x₁ + 30x₀x₂ + 30x₁x₂) = (x₁ + 30x₂, x₀ + 30x₂, 30(x₀ + x₁)) = (92, 91, 90); a 61st term fills it.
    for terms in [60, 61] {
      let exact = Tape<Double>(reservingCapacity: 16, nodeLimit: 64)
      let v = exact.variables([1, 2, 3])
      var total = v[0] * v[1]
      for k in 0..<terms { total = total + v[k % 2] * v[2] }
      if terms == 60 {
        #expect(exact.nodeCount == 64)
        #expect(try exact.gradient(of: total, withRespectTo: v) == [92, 91, 90])
      } else {
        #expect(throws: DifferentiationError.tapeFull(limit: 64)) { try exact.gradient(of: total, withRespectTo: v) }
      }
    }
    // Below the limit the same tape type differentiates normally: d(x₀x₁ + Σ xₖx₂)/dx.
    let roomy = Tape<Double>(reservingCapacity: 16, nodeLimit: 64)
    let y = roomy.variables([1, 2, 3])
    let small = y[0] * y[1] + y[0] * y[2]
    #expect(try roomy.gradient(of: small, withRespectTo: y) == [5, 1, 1])
    // A tape of dual values (two-parent records) fills the same way.
    let duals = Tape<Dual<Double>>(reservingCapacity: 16, nodeLimit: 64)
    let z = duals.variables([Dual(value: 1, tangent: 1), Dual(value: 2, tangent: 0)])
    var product = z[0] * z[1]
    for _ in 0..<100 { product = product * z[0] + z[1] }
    #expect(duals.nodeCount <= 64)
    #expect(throws: DifferentiationError.tapeFull(limit: 64)) { try duals.gradient(of: product, withRespectTo: z) }
  }
}

@Suite("Error catalogue: TensorError")
struct TensorErrorCatalogueTests {
  @Test func implicitGradientForNonScalar() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let error = thrown(TensorError.self) { try (x * 2).backward() }
    #expect(error?.description
      == "grad can be implicitly created only for scalar outputs (the output has shape [2]); pass backward(gradient:) a tensor of that shape: it is the vector v in the product vᵀJ")
  }

  @Test func gradientShapeMismatch() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let error = thrown(TensorError.self) { try (x * 2).backward(gradient: Tensor([1, 1, 1])) }
    #expect(error?.description
      == "Mismatch in shape: gradient has a shape of [3] and output has a shape of [2]; pass a gradient with the output's shape")
  }

  @Test func graphFreed() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    let y = x.exp().sum()
    try y.backward()
    let error = thrown(TensorError.self) { try y.backward() }
    #expect(error?.description
      == "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed; reached ExpBackward0). Saved intermediate values of the graph are freed when you call backward(). Specify retainGraph: true if you need to backward through the graph a second time or if you need to access saved tensors after calling backward, or compute the output again")
  }

  @Test func doesNotRequireGrad() {
    let error = thrown(TensorError.self) { try Tensor<Double>([1, 2]).sum().backward() }
    #expect(error?.description
      == "element 0 of tensors does not require grad and does not have a grad_fn; create the inputs with requiresGrad: true, and compute the output outside noGrad { } and without detach()")
  }

  @Test func retainGradWithoutRequiresGrad() {
    let error = thrown(TensorError.self) { try Tensor<Double>([1]).retainGrad() }
    #expect(error?.description
      == "can't retain_grad on Tensor that has requires_grad=False; only a tensor that requires grad gets a gradient")
  }

  @Test func requiresGradOnNonLeaf() {
    let y = Tensor<Double>([1], requiresGrad: true) * 2
    let error = thrown(TensorError.self) { _ = try y.setRequiresGrad(false) }
    #expect(error?.description
      == "you can only change requires_grad flags of leaf variables; use detach() to get a tensor outside the graph")
  }

  @Test func broadcastMismatch() throws {
    let a = try Tensor<Double>.ones([2, 3]), b = try Tensor<Double>.ones([4])
    let error = thrown(TensorError.self) { _ = try a + b }
    #expect(error == .broadcastMismatch(lhs: [2, 3], rhs: [4]))
    #expect(error?.description
      == "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1 (shapes [2, 3] and [4]); sizes must be equal, or one of them 1, counting from the last dimension")
  }

  @Test func matmulMismatch() throws {
    let a = try Tensor<Double>.ones([2, 3]), b = try Tensor<Double>.ones([2, 3])
    let error = thrown(TensorError.self) { _ = try matmul(a, b) }
    #expect(error?.description
      == "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3); the last dimension of the first operand must equal the first dimension of the second")
  }

  @Test func matmulRank() throws {
    let a = try Tensor<Double>.ones([2, 2, 2]), b = try Tensor<Double>.ones([2])
    let error = thrown(TensorError.self) { _ = try matmul(a, b) }
    #expect(error?.description
      == "matmul supports operands of rank 1 or 2, but got shapes [2, 2, 2] and [2]; reshape them first")
  }

  @Test func elementCountMismatch() {
    let error = thrown(TensorError.self) { _ = try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5]) }
    #expect(error?.description
      == "shape [2, 3] needs 6 elements but 5 were given; pass one scalar per element, in row-major order")
  }

  @Test func negativeDimension() {
    let error = thrown(TensorError.self) { _ = try Tensor<Double>.zeros([-1, 2]) }
    #expect(error?.description == "negative dimension in shape [-1, 2]; every size must be 0 or more")
  }

  @Test func tooManyElements() {
    let error = thrown(TensorError.self) { _ = try Tensor<Double>.ones([Int.max, 2]) }
    #expect(error?.description
      == "Storage size calculation overflowed with sizes=[9223372036854775807, 2]; the number of elements and "
      + "of bytes must fit in an Int, zeros aside: use smaller sizes")
  }

  @Test func cannotAllocate() {
    // 2⁴⁰ Doubles: 8 · 2⁴⁰ = 8 796 093 022 208 bytes, far beyond any machine's memory.
    let error = thrown(TensorError.self) { _ = try Tensor<Double>.zeros([1 << 40]) }
    #expect(error == .cannotAllocate(shape: [1 << 40], bytes: 8_796_093_022_208, limit: StorageLimit.bytes))
    #expect(error?.description
      == "DefaultCPUAllocator: can't allocate memory: you tried to allocate 8796093022208 bytes (shape "
      + "[1099511627776]), more than the \(StorageLimit.bytes) bytes of physical memory; use smaller sizes, "
      + "or split the work into pieces that fit")
  }

  @Test func raggedRows() {
    let error = thrown(TensorError.self) { _ = try Tensor<Double>([[1, 2], [3]]) }
    #expect(error?.description
      == "expected sequence of length 2 at dim 1 (got 1) in row 1; every row must have the same length")
  }

  @Test func invalidReshape() throws {
    let x = try Tensor<Double>.ones([3, 2])
    let error = thrown(TensorError.self) { _ = try x.reshape([4, 2]) }
    #expect(error?.description
      == "shape '[4, 2]' is invalid for input of size 6; the new shape must have the same number of elements")
  }

  @Test func dimensionOutOfRange() throws {
    let x = try Tensor<Double>.ones([3, 2])
    let error = thrown(TensorError.self) { _ = try x.sum(dim: 2) }
    #expect(error?.description == "Dimension out of range (expected to be in range of [-2, 1], but got 2)")
    let scalar = thrown(TensorError.self) { _ = try Tensor<Double>(1.0).sum(dim: 0) }
    #expect(scalar?.description == "Dimension specified as 0 but tensor has no dimensions")
  }

  @Test func indexOutOfRange() throws {
    let x = try Tensor<Double>.ones([3, 2])
    let error = thrown(TensorError.self) { _ = try x.select(dim: 1, index: -3) }
    #expect(error?.description == "index -3 is out of bounds for dimension 1 with size 2")
  }

  @Test func notOneElement() {
    let error = thrown(TensorError.self) { _ = try Tensor<Double>([1, 2]).item() }
    #expect(error?.description
      == "a Tensor with 2 elements cannot be converted to Scalar; reduce it first, e.g. with sum()")
  }

  @Test func targetShapeMismatch() {
    let error = thrown(TensorError.self) {
      _ = try binaryCrossEntropyWithLogits(Tensor<Double>([0.5, 1]), Tensor<Double>([1, 0, 1]))
    }
    #expect(error?.description == "Target size ([3]) must be the same as input size ([2])")
  }

  @Test func invalidRange() {
    let steps = thrown(TensorError.self) { _ = try Tensor<Double>.linspace(0, 1, steps: -1) }
    #expect(steps?.description == "number of steps must be non-negative, but got -1")
    let zero = thrown(TensorError.self) { _ = try Tensor<Double>.arange(0, 1, step: 0) }
    #expect(zero?.description == "step must be nonzero and the bounds finite, but got start 0.0, end 1.0, step 0.0")
    let sign = thrown(TensorError.self) { _ = try Tensor<Double>.arange(0, 1, step: -1) }
    #expect(sign?.description
      == "upper bound and larger bound inconsistent with step sign (start 0.0, end 1.0, step -1.0)")
    let huge = thrown(TensorError.self) { _ = try Tensor<Double>.arange(0, 1e300, step: 1e-300) }
    #expect(huge?.description == "arange(0.0, 1e+300, step: 1e-300) has too many elements")
  }

  @Test func emptyReduction() throws {
    let empty = try Tensor<Double>.zeros([0])
    let error = thrown(TensorError.self) { _ = try empty.logsumexp() }
    #expect(error?.description == "logsumexp of an empty tensor has no value; reduce a tensor with at least one element")
  }
}
