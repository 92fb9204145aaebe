import DualAD
import GradientCheck
import PropertyBased
import Testing

/// Property 4a: the VJP is linear in the cotangent, vjp(a·v + b·w) = a·vjp(v) + b·vjp(w).
/// Entry j sums the terms (a·vᵢ + b·wᵢ)·Jᵢⱼ, so its scale is Σᵢ (|a·vᵢ| + |b·wᵢ|)·Aᵢⱼ.
@Test func vjpIsLinearInTheCotangent() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    withCompiled(c) { f in
      let x = c.point, m = f.outputCount
      var random = c.directions()
      let v = LinearAlgebra.randomVector(m, &random), w = LinearAlgebra.randomVector(m, &random)
      let a = Double.random(in: -2...2, using: &random), b = Double.random(in: -2...2, using: &random)
      let combined = try f.vjp(at: x, cotangent: zip(v, w).map { a * $0 + b * $1 }).vjp
      let vjpV = try f.vjp(at: x, cotangent: v).vjp, vjpW = try f.vjp(at: x, cotangent: w).vjp
      let weights = zip(v, w).map { Swift.abs(a * $0) + Swift.abs(b * $1) }
      let scale = LinearAlgebra.rowTimes(weights, absoluteJacobian(of: f, at: x))
      for j in x.indices {
        let separate = a * vjpV[j] + b * vjpW[j]
        #expect(
          agree(combined[j], separate, scale: scale[j]),
          "entry \(j): vjp(a·v + b·w) = \(combined[j]), a·vjp(v) + b·vjp(w) = \(separate)\na = \(a), b = \(b)\nv = \(v)\nw = \(w)\n\(c)")
      }
    }
  }
}

/// Property 4b (SEEDS case 5, generalised): backward passes over one recorded tape accumulate
/// as a sum. Three sweeps with cotangents v₁, v₂, v₃ added into a gradient, as PyTorch adds
/// into `.grad`, give the sweep with v₁ + v₂ + v₃; and a sweep repeated on the same tape gives
/// bit for bit what it gave the first time (no state is left behind).
@Test func backwardPassesOverOneTapeAccumulateAsASum() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    withCompiled(c) { f in
      let x = c.point, m = f.outputCount
      var random = c.directions()
      let cotangents = (0..<3).map { _ in LinearAlgebra.randomVector(m, &random) }
      let tape = Tape<Double>()
      let inputs = tape.variables(x)
      let outputs = f(inputs)
      var accumulated = [Double](repeating: 0, count: x.count)
      var first: [Double] = []
      for (k, v) in cotangents.enumerated() {
        let sweep = try tape.pullback(of: outputs, cotangent: v, withRespectTo: inputs)
        if k == 0 { first = sweep }
        for j in x.indices { accumulated[j] += sweep[j] }
      }
      let again = try tape.pullback(of: outputs, cotangent: cotangents[0], withRespectTo: inputs)
      #expect(again == first, "the same sweep repeated gave \(again), first \(first)\n\(c)")
      let total = (0..<m).map { i in cotangents.reduce(0) { $0 + $1[i] } }
      let summed = try tape.pullback(of: outputs, cotangent: total, withRespectTo: inputs)
      let weights = (0..<m).map { i in cotangents.reduce(0) { $0 + Swift.abs($1[i]) } }
      let scale = LinearAlgebra.rowTimes(weights, absoluteJacobian(of: f, at: x))
      for j in x.indices {
        #expect(
          agree(accumulated[j], summed[j], scale: scale[j]),
          "entry \(j): accumulated \(accumulated[j]), one sweep with the sum \(summed[j])\ncotangents \(cotangents)\n\(c)")
      }
      withExtendedLifetime(tape) {}
    }
  }
}
