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

  /// The functions by name: the rule table's named primitives in its order (common ones first,
  /// so ties in spelling suggestions go to them), then reductions and products.
  static let catalog: [(name: String, function: BuiltinFunction)] =
    UnaryPrimitive.allCases.compactMap { rule in rule.functionName.map { ($0, .elementwise(rule)) } }
    + reductionsAndProducts
    + BinaryPrimitive.allCases.compactMap { rule in rule.functionName.map { ($0, .pairwise(rule)) } }

  /// The functions that are not a primitive of the rule table.
  static let reductionsAndProducts: [(name: String, function: BuiltinFunction)] = [
    ("sum", .reduction(.sum)), ("mean", .reduction(.mean)), ("prod", .reduction(.prod)),
    ("norm", .reduction(.norm)), ("logsumexp", .reduction(.logsumexp)),
    ("dot", .dot), ("matmul", .matmul), ("bce_with_logits", .binaryCrossEntropyWithLogits),
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

extension Expression {
  /// The names of the built-in functions by kind, for help texts: elementwise (one argument),
  /// elementwise with two arguments, reductions and products.
  public static let functionNames: (elementwise: [String], pairwise: [String], reductionsAndProducts: [String]) = (
    BuiltinFunction.catalog.compactMap { if case .elementwise = $0.function { $0.name } else { nil } },
    BuiltinFunction.catalog.compactMap { if case .pairwise = $0.function { $0.name } else { nil } },
    BuiltinFunction.reductionsAndProducts.map(\.name)
  )
}
