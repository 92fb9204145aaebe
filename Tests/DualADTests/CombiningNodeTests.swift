@testable import DualAD
import Testing

// `Variable.combining(value:terms:)`: one node with any number of parents. Every expected
// gradient is worked by hand from dv = Σₖ partialₖ·d(variableₖ).

/// x₀x₁x₂ as one node: ∂/∂xₖ is the product of the other two (values, so exact at every order).
private func product3<V: ADScalar>(_ x: [Variable<V>]) -> Variable<V> {
  let a = x[0].value, b = x[1].value, c = x[2].value
  return .combining(value: a * b * c, terms: [(x[0], b * c), (x[1], a * c), (x[2], a * b)])
}

/// Σₖ cₖxₖ with constant weights cₖ = k + 1 over every input: one node with n parents.
private func weighted<V: ADScalar>(_ x: [Variable<V>]) -> Variable<V> {
  var value: V = 0
  var terms: [(variable: Variable<V>, partial: V)] = []
  for (k, xk) in x.enumerated() {
    let c = V(V.Primal(k + 1))
    value += c * xk.value
    terms.append((xk, c))
  }
  return .combining(value: value, terms: terms)
}

@Suite("One tape node with any number of parents")
struct CombiningNodeTests {
  @Test("x₀x₁x₂ at (2, 3, 5): one node with three parents, gradient (15, 10, 6)")
  func productOfThree() throws {
    let tape = Tape<Double>()
    let x = tape.variables([2, 3, 5])
    let y = product3(x)
    #expect(y.value == 30)
    #expect(tape.nodeCount == 5 && tape.operandCount == 3)  // the sink, three inputs, one node
    #expect(try tape.gradient(of: y, withRespectTo: x) == [15, 10, 6])
  }

  @Test("Constants are skipped; terms on at most two nodes record nothing")
  func constantsAndFewNodes() throws {
    let tape = Tape<Double>()
    let x = tape.variables([2, 3, 5])
    let seven = Variable<Double>(7)
    // 2x₀ + 3x₁ + 1·x₀ + 100·7: two nodes, so a combination, no node.
    let y = Variable.combining(value: 0, terms: [(x[0], 2), (seven, 100), (x[1], 3), (x[0], 1)])
    #expect(tape.nodeCount == 4 && tape.operandCount == 0)
    #expect(try tape.gradient(of: y, withRespectTo: x) == [3, 3, 0])
    // Only constants: a constant.
    #expect(!Variable.combining(value: 1, terms: [(seven, 2)]).isRecorded)
    // One node: a rescaled variable.
    let z = Variable.combining(value: 1, terms: [(x[2], 4), (seven, 2), (x[2], 0.5)])
    #expect(tape.nodeCount == 4)
    #expect(try tape.gradient(of: z, withRespectTo: x) == [0, 0, 4.5])
  }

  @Test("Operands that are combinations of two nodes bring both")
  func twoNodeOperands() throws {
    let tape = Tape<Double>()
    let x = tape.variables([2, 3, 5])
    let u = x[0] * x[1]  // x₁·d(x₀) + x₀·d(x₁), no node
    // d(2u + 3x₂ + 4x₀) = (2x₁ + 4, 2x₀, 3) = (10, 4, 3).
    let y = Variable.combining(value: 0, terms: [(u, 2), (x[2], 3), (x[0], 4)])
    // x₀'s two terms stay apart: u's two nodes, x₂ and x₀.
    #expect(tape.operandCount == 4)
    #expect(try tape.gradient(of: y, withRespectTo: x) == [10, 4, 3])
  }

  @Test("Repeated parents are separate operands that add up, the node just before included")
  func repeatedParents() throws {
    let tape = Tape<Double>()
    let x = tape.variables([2, 3, 5])
    let t = product3(x)  // node 4, ∇t = (15, 10, 6)
    let operandsBefore = tape.operandCount
    // d(t + x₀ + x₁ + x₂ + 2t) = 3∇t + (1, 1, 1) = (46, 31, 19). The last term goes to operand 0,
    // the sweep's carry to node 4; its first stays operand 1 and is added into node 4's adjoint.
    let y = Variable.combining(value: 0, terms: [(t, 1), (x[0], 1), (x[1], 1), (x[2], 1), (t, 2)])
    #expect(tape.operandCount - operandsBefore == 5)
    #expect(try tape.gradient(of: y, withRespectTo: x) == [46, 31, 19])
    // The same terms with node 4 twice among the others, neither carried.
    let w = Variable.combining(value: 0, terms: [(t, 1), (x[0], 1), (t, 2), (x[1], 1), (x[2], 1)])
    #expect(try tape.gradient(of: w, withRespectTo: x) == [46, 31, 19])
    // Other repeats add up too: d(x₀ + 2x₁ + 3x₀ + x₂) = (4, 2, 1).
    let z = Variable.combining(value: 0, terms: [(x[0], 1), (x[1], 2), (x[0], 3), (x[2], 1)])
    #expect(try tape.gradient(of: z, withRespectTo: x) == [4, 2, 1])
  }

  @Test("The carry to the node just before: partials of exactly 1, −1 and others, and a node that also gets adjoint directly")
  func carriedPartials() throws {
    let tape = Tape<Double>()
    let x = tape.variables([2, 3, 5])
    // At (2, 3, 5): u = x₀x₁ + x₂ = 11, v = u + x₀x₂ = 21, f = vu + x₁ = 234.
    let u = x[0] * x[1] + x[2]  // node 4
    let v = u + x[0] * x[2]  // node 5: u carried with partial 1
    let f = v * u + x[1]  // node 6: v carried with partial u = 11, u added with partial v = 21
    #expect(tape.nodeCount == 7)
    // ∂f/∂u = v + u = 32: ∇f = (32x₁ + ux₂, 32x₀ + 1, 32 + ux₀) = (151, 65, 54).
    #expect(try tape.gradient(of: f, withRespectTo: x) == [151, 65, 54])
    // Wide nodes, the node just before last among the terms (carried): ∇g = ∇f + (1, 1, 1).
    let g = Variable.combining(value: 0, terms: [(x[0], 1), (x[1], 1), (x[2], 1), (f, 1)])
    #expect(try tape.gradient(of: g, withRespectTo: x) == [152, 66, 55])
    let h = Variable.combining(value: 0, terms: [(x[0], 1), (x[1], 1), (x[2], 1), (g, -1)])
    #expect(try tape.gradient(of: h, withRespectTo: x) == [-151, -65, -54])
    let k = Variable.combining(value: 0, terms: [(x[0], 1), (x[1], 1), (x[2], 1), (h, 0.5)])
    #expect(try tape.gradient(of: k, withRespectTo: x) == [-74.5, -31.5, -26])
    #expect(tape.nodeCount == 10)
  }

  @Test("Repeated parents on a Dual-valued tape: H·v of 3x₀x₁x₂ + Σxₖ with the product twice")
  func repeatedParentsOnDualTape() throws {
    // H = 3[[0, x₂, x₁], [x₂, 0, x₀], [x₁, x₀, 0]] at (2, 3, 5); H·e₀ = (0, 15, 9), H·1 = (24, 21, 15).
    func f<V: ADScalar>(_ x: [Variable<V>]) -> Variable<V> {
      let t = product3(x)
      let value = 3 * t.value + x[0].value + x[1].value + x[2].value
      let one: V = 1, two: V = 2
      return .combining(value: value, terms: [(t, one), (x[0], one), (x[1], one), (x[2], one), (t, two)])
    }
    #expect(try hessianVectorProduct(at: [2.0, 3, 5], direction: [1, 0, 0], of: f) == [0, 15, 9])
    #expect(try hessianVectorProduct(at: [2.0, 3, 5], direction: [1, 1, 1], of: f) == [24, 21, 15])
  }

  @Test("Many parents: Σ (k + 1)xₖ over 1 000 inputs, and an output that is not the last node")
  func manyParents() throws {
    let tape = Tape<Double>()
    let x = tape.variables((0..<1000).map { Double($0) })
    let y = weighted(x)
    _ = y * y * x[0]  // recorded after y
    let g = try tape.gradient(of: y, withRespectTo: x)
    #expect(g == (0..<1000).map { Double($0 + 1) })
  }

  @Test("Dual-valued tape (no preaccumulation): H·v of x₀x₁x₂ at (2, 3, 5)")
  func dualTape() throws {
    // H = [[0, x₂, x₁], [x₂, 0, x₀], [x₁, x₀, 0]] = [[0, 5, 3], [5, 0, 2], [3, 2, 0]].
    #expect(try hessianVectorProduct(at: [2.0, 3, 5], direction: [1, 0, 0], of: product3) == [0, 5, 3])
    #expect(try hessianVectorProduct(at: [2.0, 3, 5], direction: [1, 1, 1], of: product3) == [8, 7, 5])
  }

  @Test("DualVector-valued tape: the Hessian of x₀x₁x₂ and of (Σ (k + 1)xₖ)²")
  func dualVectorTape() throws {
    let h = try hessian(at: [2.0, 3, 5], of: product3)
    #expect(h == [[0, 5, 3], [5, 0, 2], [3, 2, 0]])
    // ∇²(cᵀx)² = 2ccᵀ with c = (1, 2, 3, 4): an even and an odd number of parents below.
    let q = try hessian(at: [1.0, -1, 2, 0.5]) { x in
      let s = weighted(x)
      return s * s
    }
    let c: [Double] = [1, 2, 3, 4]
    #expect(q == c.map { ci in c.map { cj in 2 * ci * cj } })
  }

  @Test("Dual tape, wide nodes with 3, 4 and 5 parents and outputs above them")
  func dualTapeRecords() throws {
    let tape = Tape<Dual<Double>>()
    let x = tape.variables([1, 2, 3, 4, 5].map { Dual(value: $0, tangent: 0) })
    for n in 3...5 {
      let y = weighted(Array(x[0..<n]))
      _ = y * x[0] + y  // nodes after the output
      let g = try tape.gradient(of: y, withRespectTo: x)
      #expect(g.map(\.value) == (0..<5).map { $0 < n ? Double($0 + 1) : 0 })
    }
  }

  @Test("A full tape: a wide node reuses the last index and the operators throw")
  func fullTape() throws {
    let tape = Tape<Double>(reservingCapacity: 4, nodeLimit: 6)
    let x = tape.variables([1, 2, 3, 4])
    var y = weighted(x)
    for _ in 0..<5 { y = weighted([y, x[0], x[1], x[2]]) }
    #expect(throws: DifferentiationError.tapeFull(limit: 6)) { _ = try tape.gradient(of: y, withRespectTo: x) }
    let dualTape = Tape<Dual<Double>>(reservingCapacity: 4, nodeLimit: 6)
    let d = dualTape.variables([1, 2, 3, 4].map { Dual(value: $0, tangent: 1) })
    var z = weighted(d)
    for _ in 0..<5 { z = weighted([z, d[0], d[1], d[2]]) }
    #expect(throws: DifferentiationError.tapeFull(limit: 6)) { _ = try dualTape.gradient(of: z, withRespectTo: d) }
  }
}
