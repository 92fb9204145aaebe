import DualAD
import GradientCheck
import DualADExpressions
import PropertyBased
import Testing

/// Property 7a: the gradient of sum(f) is the vector of column sums of J(f): the Jacobian of
/// sum is a row of ones (SEEDS case 9, generalised). sum(f) is its own expression, so the
/// reverse-mode gradient and the forward-mode Jacobian come from different compilations.
/// Entry j sums the terms Jᵢⱼ, so its scale is Σᵢ Aᵢⱼ.
@Test func gradientOfSumIsTheColumnSumsOfTheJacobian() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    var summed = c
    summed.tree = .reduction(.sum, c.tree)
    withCompiled(c) { f in
      let sumOfF = try summed.compiled()
      let x = c.point
      let gradient = try sumOfF.gradient(at: x)
      let jacobian = try f.jacobian(at: x, mode: .forward)
      let a = absoluteJacobian(of: f, at: x)
      for j in x.indices {
        let columnSum = jacobian.reduce(0) { $0 + $1[j] }
        let scale = a.reduce(0) { $0 + $1[j] }
        #expect(
          agree(gradient[j], columnSum, scale: scale),
          "entry \(j): ∇sum(f) = \(gradient[j]), column sum of J(f) = \(columnSum)\n\(summed)")
      }
    }
  }
}

/// Property 7b (SEEDS cases 7 and 11, generalised): for the identity y = x of any shape,
/// vjp(v) is v itself, not ones, and the forward Jacobian is the identity matrix, exactly.
@Test func vjpOfTheIdentityIsTheCotangent() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    var identity = c
    identity.tree = .input(c.tree.inputIndices.min() ?? 0)
    withCompiled(identity) { f in
      let x = identity.point
      var random = identity.directions()
      let v = LinearAlgebra.randomVector(x.count, &random)
      let (value, vjp) = try f.vjp(at: x, cotangent: v)
      #expect(value == x && vjp == v, "vjp(identity, v) = \(vjp), v = \(v)\n\(identity)")
      let jacobian = try f.jacobian(at: x, mode: .forward)
      let unit = x.indices.map { i in x.indices.map { j in i == j ? 1.0 : 0.0 } }
      #expect(jacobian == unit, "forward Jacobian of the identity: \(jacobian)\n\(identity)")
    }
  }
}
