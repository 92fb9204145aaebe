import DualAD

/// The perturbation-confusion guard, live: the nested derivative that untagged dual numbers get
/// wrong, computed right with one type per level, and the same-type mix refused.
func perturbationConfusionExplanation(style: Style) throws(DifferentiationError) -> String {
  var out: [String] = []
  func say(_ s: String = "") { out.append(s) }

  say(style.bold("Perturbation confusion: D(x ↦ x · D(y ↦ x + y)(1))(1)"))
  say("  by hand: D(y ↦ x + y) = 1 for every x, so the outer function is x ↦ x · 1 and the answer is 1")
  let nested = try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
    x * (try derivative(at: Dual(1.0)) { (y: Dual<Dual<Double>>) in Dual(constant: x) + y })
  }
  say("  one type per level (outer Dual<Double>, inner Dual<Dual<Double>>, x enters as a constant): \(g(nested))")

  // What an untagged implementation does: both levels' ε in one dual type, added together.
  let x = Dual<Double>(value: 1, tangent: 1), y = Dual<Double>(value: 1, tangent: 1)
  let confusedInner = (x + y).tangent
  let confused = (x * Dual(value: confusedInner, tangent: 0)).tangent
  say("  untagged, both levels in Dual<Double> (the inner sees x's ε as its own): inner \(g(confusedInner)), answer \(g(confused))")

  do {
    let wrong = try derivative(at: 1.0) { (x: Dual<Double>) throws(DifferentiationError) in
      x * Dual(try derivative(at: 1.0) { y in x + y })
    }
    say(style.red("  the same-type mix was NOT caught: it returned \(g(wrong))"))
  } catch {
    say("  the same mix through derivative(at:of:), both levels Dual<Double>: each call tags its ε, and it throws")
    say("    \(error)")
  }
  return out.joined(separator: "\n")
}
