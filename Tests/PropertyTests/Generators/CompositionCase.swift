import DualAD
import DualADExpressions

/// f∘g: an inner random function g with its point, and an outer random function f of one
/// input `u` that has g's output shape and is safe at u = g(x).
struct CompositionCase: Hashable, Sendable, CustomStringConvertible {
  var inner: PropertyCase
  /// f, reading `.input(0)` as u.
  var outerTree: ExpressionTree

  /// f as a case of its own, at u = g(x).
  var outer: PropertyCase? {
    guard let u = inner.referenceValue else { return nil }
    return PropertyCase(tree: outerTree, allInputs: [GeneratedInput(name: "u", value: u)], directionSeed: 0)
  }

  /// f∘g as one expression: g's text substituted for u, with g's inputs and point.
  var composed: PropertyCase? {
    guard let u = inner.referenceValue else { return nil }
    let composedTree = outerTree.substituting(inner.tree)
    guard composedTree.safeValue(at: inner.allInputs.map(\.value)) != nil, u.elements.count > 0 else { return nil }
    var composed = inner
    composed.tree = composedTree
    return composed
  }

  var isValid: Bool { inner.isValid && (outer?.isValid ?? false) && composed != nil }

  var description: String {
    let f = outer?.source ?? outerTree.source(names: ["u"])
    return "f(u) = \(f)\n  g = \(inner.description)  f∘g = \(composed?.description ?? "(invalid)")"
  }

  var shrinkCandidates: [CompositionCase] {
    // f's input values are g's outputs, so only f's tree shrinks; rounding them would give
    // this same case back, and a shrinker must never offer the case itself.
    let outerCandidates = (outer?.shrinkCandidates ?? []).filter { $0.tree != outerTree }
      .map { CompositionCase(inner: inner, outerTree: $0.tree) }
    let innerCandidates = inner.shrinkCandidates.map { CompositionCase(inner: $0, outerTree: outerTree) }
    return (outerCandidates + innerCandidates).filter { $0 != self && $0.isValid }
  }
}

extension ExpressionTree {
  /// This tree with every `.input(0)` replaced by `replacement`.
  func substituting(_ replacement: ExpressionTree) -> ExpressionTree {
    if case .input(0) = self { return replacement }
    return replacingChildren(children.map { $0.substituting(replacement) })
  }
}
