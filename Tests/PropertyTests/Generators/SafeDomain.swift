import DualAD
import DualADExpressions
import GradientCheck

/// Where the generator may apply each operation: inside the rule's checked domain from the rule
/// table (``UnaryPrimitive/domain``), shrunk by a margin, and at least ``margin`` away from
/// every kink the table lists (abs, relu and cbrt at 0, the diagonal of min and max, the origin
/// of hypot and atan2, atan2's branch cut); a linear rule anywhere. Norm keeps away from 0.
///
/// The margin keeps GSL's finite differences, whose first steps are 10⁻³·max(|x|, 1), on one
/// side of every kink and inside every domain, so that disagreement means a wrong derivative.
enum SafeDomain {
  /// The distance kept from kinks and domain ends.
  static let margin = 0.1
  /// The largest magnitude any intermediate value may reach: keeps every derivative well scaled.
  static let magnitudeBound = 1e3

  /// The interval shrunk by the margin (by a tenth of its width when it is narrow).
  private static func inset(_ domain: ClosedRange<Double>, contains x: Double) -> Bool {
    let inset = Swift.min(margin, 0.1 * (domain.upperBound - domain.lowerBound))
    return x >= domain.lowerBound + inset && x <= domain.upperBound - inset
  }

  static func admits(_ primitive: UnaryPrimitive, _ x: Double) -> Bool {
    let domain = primitive.domain
    guard domain.kinks.allSatisfy({ Swift.abs(x - $0) >= margin }) else { return false }
    if domain.isLinear { return true }
    return domain.checked.map { inset($0, contains: x) } ?? false
  }

  /// For atan2 the first operand is the y coordinate, as in the language.
  static func admits(_ primitive: BinaryPrimitive, _ x: Double, _ y: Double) -> Bool {
    let domain = primitive.domain
    // The origin and the branch cut get three margins: the angle turns fastest there.
    guard domain.kinks.allSatisfy({ $0.distance(x, y) >= ($0 == .diagonal ? margin : 3 * margin) }) else { return false }
    return domain.isLinear || (inset(domain.x, contains: x) && inset(domain.y, contains: y))
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
