import DualAD

/// A function that expressions can call by name.
///
/// Elementwise functions are the primitives of the core's rule table (`UnaryPrimitive`,
/// `BinaryPrimitive`) and differentiate through it; reductions and products are built from
/// the same primitives, so no derivative is written here.
enum BuiltinFunction: Sendable {
  /// Applied to each element; any shape.
  case elementwise(UnaryPrimitive)
  /// Applied to each pair of elements, with broadcasting.
  case pairwise(BinaryPrimitive)
  /// A whole value to a scalar.
  case reduction(Reduction)
  case dot, matmul, binaryCrossEntropyWithLogits

  /// The functions by name, most common first (ties in spelling suggestions go to the first).
  static let catalog: [(name: String, function: BuiltinFunction)] = [
    ("sin", .elementwise(.sin)), ("cos", .elementwise(.cos)), ("tan", .elementwise(.tan)),
    ("exp", .elementwise(.exp)), ("log", .elementwise(.log)), ("sqrt", .elementwise(.sqrt)),
    ("abs", .elementwise(.abs)), ("tanh", .elementwise(.tanh)), ("sigmoid", .elementwise(.sigmoid)),
    ("relu", .elementwise(.relu)), ("softplus", .elementwise(.softplus)),
    ("sum", .reduction(.sum)), ("mean", .reduction(.mean)), ("prod", .reduction(.prod)),
    ("norm", .reduction(.norm)), ("logsumexp", .reduction(.logsumexp)),
    ("dot", .dot), ("matmul", .matmul), ("bce_with_logits", .binaryCrossEntropyWithLogits),
    ("pow", .pairwise(.pow)), ("atan2", .pairwise(.atan2)), ("min", .pairwise(.minimum)),
    ("max", .pairwise(.maximum)), ("hypot", .pairwise(.hypot)),
    ("log1p", .elementwise(.log1p)), ("expm1", .elementwise(.expm1)),
    ("asin", .elementwise(.asin)), ("acos", .elementwise(.acos)), ("atan", .elementwise(.atan)),
    ("sinh", .elementwise(.sinh)), ("cosh", .elementwise(.cosh)),
    ("asinh", .elementwise(.asinh)), ("acosh", .elementwise(.acosh)), ("atanh", .elementwise(.atanh)),
    ("erf", .elementwise(.erf)), ("erfc", .elementwise(.erfc)), ("cbrt", .elementwise(.cbrt)),
    ("exp2", .elementwise(.exp2)), ("exp10", .elementwise(.exp10)),
    ("log2", .elementwise(.log2)), ("log10", .elementwise(.log10)),
    ("gamma", .elementwise(.gamma)), ("lgamma", .elementwise(.logGamma)),
    ("digamma", .elementwise(.polygamma(0))),
  ]

  static let names: [String] = catalog.map(\.name)

  static func named(_ name: String) -> BuiltinFunction? {
    catalog.first { $0.name == name }?.function
  }

  /// How many arguments the function takes.
  var arity: Int {
    switch self {
    case .elementwise, .reduction: return 1
    case .pairwise, .dot, .matmul, .binaryCrossEntropyWithLogits: return 2
    }
  }
}
