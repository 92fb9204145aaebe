import DualAD

/// The expression language's spelling of each primitive the generator uses.
enum LanguageNames {
  /// Every elementwise function the language can call, by its name there.
  static let unaryFunctions: [(name: String, primitive: UnaryPrimitive)] = [
    ("exp", .exp), ("expm1", .expm1), ("exp2", .exp2), ("exp10", .exp10),
    ("log", .log), ("log1p", .log1p), ("log2", .log2), ("log10", .log10),
    ("sqrt", .sqrt), ("cbrt", .cbrt),
    ("sin", .sin), ("cos", .cos), ("tan", .tan), ("asin", .asin), ("acos", .acos), ("atan", .atan),
    ("sinh", .sinh), ("cosh", .cosh), ("tanh", .tanh), ("asinh", .asinh), ("acosh", .acosh), ("atanh", .atanh),
    ("erf", .erf), ("erfc", .erfc), ("gamma", .gamma), ("lgamma", .logGamma), ("digamma", .polygamma(0)),
    ("abs", .abs), ("sigmoid", .sigmoid), ("softplus", .softplus), ("relu", .relu),
  ]

  /// The integer exponents written `a ^ n`, which compile to the rule `.power(n)`.
  static let integerPowers = [2, 3, -1, -2]

  /// The functions of two arguments, called by name (+ − × ÷ ^ are infix).
  static let binaryFunctions: [(name: String, primitive: BinaryPrimitive)] = [
    ("atan2", .atan2), ("hypot", .hypot), ("min", .minimum), ("max", .maximum),
  ]

  static func name(of primitive: UnaryPrimitive) -> String {
    switch primitive {
    case .negate: return "neg"
    case .power(let n): return "^\(n)"
    default: return unaryFunctions.first { $0.primitive == primitive }?.name ?? "\(primitive)"
    }
  }

  static func name(of primitive: BinaryPrimitive) -> String {
    switch primitive {
    case .add: return "+"
    case .subtract: return "-"
    case .multiply: return "*"
    case .divide: return "/"
    case .pow: return "^"
    default: return binaryFunctions.first { $0.primitive == primitive }?.name ?? "\(primitive)"
    }
  }

  /// A number as the language and the command line read it back exactly (shortest round trip).
  static func literal(_ x: Double) -> String {
    x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }
}
