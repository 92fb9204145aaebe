import DualAD

/// The expression language's spelling of each primitive the generator uses.
enum LanguageNames {
  /// Every elementwise function the language can call, by its name there (from the rule table).
  static let unaryFunctions: [(name: String, primitive: UnaryPrimitive)] =
    UnaryPrimitive.allCases.compactMap { p in p.functionName.map { ($0, p) } }

  /// The integer exponents written `a ^ n`, which compile to the rule `.power(n)`.
  static let integerPowers = [2, 3, -1, -2]

  /// The functions of two arguments called by name (+ − × ÷ ^ are infix), from the rule table.
  static let binaryFunctions: [(name: String, primitive: BinaryPrimitive)] =
    BinaryPrimitive.allCases.compactMap { p in p.entry.symbol == nil ? p.functionName.map { ($0, p) } : nil }

  static func name(of primitive: UnaryPrimitive) -> String {
    primitive == .negate ? "neg" : primitive.entry.label ?? "\(primitive)"
  }

  static func name(of primitive: BinaryPrimitive) -> String { primitive.entry.label ?? "\(primitive)" }

  /// A number as the language and the command line read it back exactly (shortest round trip).
  static func literal(_ x: Double) -> String {
    x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }
}
