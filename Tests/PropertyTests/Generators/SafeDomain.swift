import DualAD
import DualADExpressions
import GradientCheck

/// Where the generator may apply each operation: inside the rule's domain from ``RuleCatalogue``,
/// shrunk by a margin, and at least ``margin`` away from every point where the function is not
/// differentiable (the kinks of abs, relu, min and max, the vertical tangent of cbrt at 0, the origin of hypot and atan2, atan2's
/// branch cut, the zero of norm).
///
/// The margin keeps GSL's finite differences, whose first steps are 10⁻³·max(|x|, 1), on one
/// side of every kink and inside every domain, so that disagreement means a wrong derivative.
enum SafeDomain {
  /// The distance kept from kinks and domain ends.
  static let margin = 0.1
  /// The largest magnitude any intermediate value may reach: keeps every derivative well scaled.
  static let magnitudeBound = 1e3

  private static let unaryDomains: [UnaryPrimitive: ClosedRange<Double>] = {
    var table: [UnaryPrimitive: ClosedRange<Double>] = [:]
    for (rule, domain) in RuleCatalogue.unary {
      let inset = Swift.min(margin, 0.1 * (domain.upperBound - domain.lowerBound))
      table[rule] = (domain.lowerBound + inset)...(domain.upperBound - inset)
    }
    return table
  }()

  static func admits(_ primitive: UnaryPrimitive, _ x: Double) -> Bool {
    switch primitive {
    case .negate: return true
    case .abs, .relu: return Swift.abs(x) >= margin && Swift.abs(x) <= 5
    // ∛x is finite at 0, but its derivative 1/(3·∛x²) is not.
    case .cbrt: return Swift.abs(x) >= margin && Swift.abs(x) <= 10
    case .power(let n): return Swift.abs(x) <= 3 && (n >= 0 || Swift.abs(x) >= 0.3)
    default: return unaryDomains[primitive]?.contains(x) ?? false
    }
  }

  /// For atan2 the first operand is the y coordinate, as in the language.
  static func admits(_ primitive: BinaryPrimitive, _ x: Double, _ y: Double) -> Bool {
    switch primitive {
    case .add, .subtract, .multiply: return true
    case .divide: return Swift.abs(y) >= 0.5
    case .pow: return x >= 0.2 && x <= 5 && Swift.abs(y) <= 3
    case .atan2:
      // The angle jumps by 2π across the negative x axis (x < 0, y = 0).
      return Double.hypot(x, y) >= 3 * margin && (y > 0 || Swift.abs(x) >= 3 * margin) && Swift.abs(x) <= 10 && Swift.abs(y) <= 10
    case .hypot: return Double.hypot(x, y) >= 3 * margin
    case .minimum, .maximum: return Swift.abs(x - y) >= margin
    }
  }

  static func admits(_ reduction: Reduction, _ values: [Double]) -> Bool {
    switch reduction {
    case .norm: return values.reduce(0) { $0 + $1 * $1 }.squareRoot() >= 3 * margin
    default: return true
    }
  }

  static func isWellScaled(_ values: [Double]) -> Bool {
    values.allSatisfy { $0.isFinite && Swift.abs($0) <= magnitudeBound }
  }
}
