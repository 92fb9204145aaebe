import DualAD
import GradientCheck
import PropertyBased
import Testing

/// Property 5: the chain rule across composition, J(f∘g)(x) = J(f)(g(x))·J(g)(x), for random
/// f and g. f∘g is one expression (g's text substituted for f's input u), differentiated in
/// forward and in reverse mode; J(f) and J(g) are differentiated separately and multiplied.
/// Entry (i, j) sums the terms J(f)ᵢₖ·J(g)ₖⱼ, so its scale is (A(f)·A(g))ᵢⱼ.
@Test func chainRuleHoldsAcrossComposition() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.compositions) { c in
    guard let composed = c.composed, let outer = c.outer else {
      Issue.record("the generator produced an invalid composition\n\(c)")
      return
    }
    withCompiled(composed) { fg in
      let g = try c.inner.compiled(), f = try outer.compiled()
      let x = c.inner.point
      let u = g(x)
      let product = LinearAlgebra.product(try f.jacobian(at: u, mode: .forward), try g.jacobian(at: x, mode: .forward))
      let scale = LinearAlgebra.product(absoluteJacobian(of: f, at: u), absoluteJacobian(of: g, at: x))
      for mode in [JacobianMode.forward, .reverse] {
        let direct = try fg.jacobian(at: x, mode: mode)
        for i in product.indices {
          for j in x.indices {
            #expect(
              agree(direct[i][j], product[i][j], scale: scale[i][j]),
              "J(f∘g)[\(i)][\(j)] by \(mode) = \(direct[i][j]), (J(f)·J(g))[\(i)][\(j)] = \(product[i][j]), scale \(scale[i][j])\n\(c)")
          }
        }
      }
    }
  }
}
