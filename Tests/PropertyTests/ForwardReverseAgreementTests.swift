import DualAD
import GradientCheck
import DualADExpressions
import PropertyBased
import Testing

/// Property 1: forward mode (Dual, column by column), vector forward mode (8 columns a pass)
/// and reverse mode (tape, row by row) give the same Jacobian, to 10⁻¹² relative in Double,
/// relative to the sum of magnitudes Aᵢⱼ (see ``agree(_:_:scale:)``).
@Test func forwardJacobianEqualsReverseJacobian() async {
  await propertyCheck(count: PropertyBudget.count, input: CaseGenerators.functions) { c in
    withCompiled(c) { f in
      let x = c.point
      let forward = try f.jacobian(at: x, mode: .forward)
      let vectorForward = try f.jacobian(at: x, mode: .vectorForward)
      let reverse = try f.jacobian(at: x, mode: .reverse)
      let a = absoluteJacobian(of: f, at: x)
      #expect(forward.count == f.outputCount && reverse.count == f.outputCount, "\(c)")
      for i in a.indices {
        for j in x.indices {
          #expect(
            agree(forward[i][j], reverse[i][j], scale: a[i][j]) && agree(vectorForward[i][j], reverse[i][j], scale: a[i][j]),
            "J[\(i)][\(j)]: forward \(forward[i][j]), vector forward \(vectorForward[i][j]), reverse \(reverse[i][j]), scale \(a[i][j])\n\(c)")
        }
      }
    }
  }
}
