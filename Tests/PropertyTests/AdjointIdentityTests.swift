import DualAD
import GradientCheck
import PropertyBased
import Testing

/// Property 3: ⟨u, vᵀJ⟩ = ⟨Ju, v⟩ for random u and v: one JVP (forward) and one VJP (reverse)
/// are transposes of each other. Both sides sum the terms vᵢ·Jᵢⱼ·uⱼ, so the scale is
/// Σᵢⱼ |vᵢ|·Aᵢⱼ·|uⱼ|.
@Test func adjointIdentityHolds() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    withCompiled(c) { f in
      let x = c.point
      var random = c.directions()
      let u = LinearAlgebra.randomVector(x.count, &random)
      let v = LinearAlgebra.randomVector(f.outputCount, &random)
      let reverseSide = LinearAlgebra.dot(u, try f.vjp(at: x, cotangent: v).vjp)
      let forwardSide = LinearAlgebra.dot(try f.jvp(at: x, tangent: u).jvp, v)
      let a = absoluteJacobian(of: f, at: x)
      let scale = LinearAlgebra.dot(LinearAlgebra.rowTimes(LinearAlgebra.absolute(v), a), LinearAlgebra.absolute(u))
      #expect(
        agree(reverseSide, forwardSide, scale: scale),
        "⟨u, vjp(v)⟩ = \(reverseSide), ⟨jvp(u), v⟩ = \(forwardSide), scale \(scale)\nu = \(u)\nv = \(v)\n\(c)")
    }
  }
}
