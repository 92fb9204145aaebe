import Synchronization

/// Which derivative call a dual number's perturbation belongs to.
///
/// Nested forward mode must keep each level's ε apart: in D(x ↦ x · D(y ↦ x + y)(1))(1) the
/// inner derivative must not see the outer x's perturbation (the answer is 1; mixing gives 2).
/// DualAD keeps levels apart by type: the inner derivative runs on `Dual<Dual<Double>>` and x
/// enters it as a constant (`Dual(constant: x)`). Every derivative call also stamps its seed
/// with a fresh tag, and every operation merges its operands' tags; two different live tags
/// in one operation mean two levels were mixed at the same type, and the operator throws
/// ``DifferentiationError/perturbationConfusion`` instead of returning a wrong number.
@frozen
public struct PerturbationTag: Hashable, Sendable, CustomStringConvertible {
  /// 0: no perturbation (a constant, or a dual made by hand); `UInt64.max`: mixed levels.
  public let rawValue: UInt64

  @inlinable
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  // Computed, not stored: a stored static is reached through a lazy-initialization call, which
  // every dual operation paid.
  /// The tag of constants and of duals made with `init(value:tangent:)`.
  @inlinable public static var none: PerturbationTag { PerturbationTag(rawValue: 0) }
  /// The tag of a value that mixed perturbations of two derivative calls.
  @inlinable public static var confused: PerturbationTag { PerturbationTag(rawValue: .max) }

  /// A tag that no other derivative call in this process has.
  public static func fresh() -> PerturbationTag {
    PerturbationTag(rawValue: tagCounter.wrappingAdd(1, ordering: .relaxed).newValue)
  }

  /// The tag of a result computed from operands tagged a and b: the live one, or `confused`.
  @inlinable @inline(__always)
  public static func merge(_ a: PerturbationTag, _ b: PerturbationTag) -> PerturbationTag {
    // Without branches: a | b is the live tag when the two agree or one is none.
    let clash = a.rawValue != b.rawValue && a.rawValue != 0 && b.rawValue != 0
    return PerturbationTag(rawValue: clash ? .max : a.rawValue | b.rawValue)
  }

  /// Throws unless `output` carries this call's perturbation or none at all.
  @inlinable
  public func validate(output: PerturbationTag) throws(DifferentiationError) {
    guard output.rawValue == 0 || output == self else { throw .perturbationConfusion }
  }

  public var description: String {
    switch rawValue {
    case 0: return "none"
    case .max: return "confused"
    default: return "#\(rawValue)"
    }
  }
}

private let tagCounter = Atomic<UInt64>(0)
