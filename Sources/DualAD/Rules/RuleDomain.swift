import RealModule

/// Where a primitive of one argument can be checked against finite differences, and where it
/// is not smooth.
///
/// The gradient checker samples ``checked`` against GSL; the property generators keep a
/// margin inside it and away from every point of ``kinks``. The representative ``points`` are
/// where tests and the verification report evaluate the rule.
public struct UnaryDomain: Hashable, Sendable {
  /// An interval inside the domain where the function is smooth (but for ``kinks``), finite in
  /// Float and Double, and away from poles; nil for a primitive defined nowhere (⁰√x).
  public let checked: ClosedRange<Double>?
  /// Points where the function is not differentiable: kinks (|x| at 0), vertical tangents
  /// (∛x at 0). The derivative there is a convention (PyTorch's), not a limit.
  public let kinks: [Double]
  /// True for a linear function: well scaled at any finite argument, not only in ``checked``.
  public let isLinear: Bool
  /// Points inside ``checked`` where tests evaluate the rule; away from ``kinks``.
  public let points: [Double]

  /// A domain checked on `checked`; the points default to three spread over it.
  public init(checked: ClosedRange<Double>?, kinks: [Double] = [], isLinear: Bool = false, points: [Double]? = nil) {
    self.checked = checked
    self.kinks = kinks
    self.isLinear = isLinear
    self.points = points ?? checked.map { range in
      [0.17, 0.53, 0.88].map { range.lowerBound + $0 * (range.upperBound - range.lowerBound) }
    } ?? []
  }

  /// Defined nowhere: every value and partial is NaN.
  public static let nowhere = UnaryDomain(checked: nil)
}

/// Where a primitive of two arguments can be checked, and where it is not smooth.
public struct BinaryDomain: Hashable, Sendable {
  /// The intervals of the first and second argument sampled against GSL.
  public let x: ClosedRange<Double>
  public let y: ClosedRange<Double>
  /// The sets where the function is not differentiable.
  public let kinks: [BinaryKink]
  /// True when the function is linear in each argument (or piecewise so): well scaled at any
  /// finite arguments, not only in the checked intervals.
  public let isLinear: Bool

  public init(x: ClosedRange<Double>, y: ClosedRange<Double>, kinks: [BinaryKink] = [], isLinear: Bool = false) {
    self.x = x
    self.y = y
    self.kinks = kinks
    self.isLinear = isLinear
  }

  /// A representative point (x, y) inside the checked intervals, off every kink.
  public var point: (x: Double, y: Double) {
    (x.lowerBound + 0.3 * (x.upperBound - x.lowerBound), y.lowerBound + 0.7 * (y.upperBound - y.lowerBound))
  }
}

/// A set of points where a function of two arguments (x, y) is not differentiable.
public enum BinaryKink: Hashable, Sendable {
  /// The diagonal x = y (min, max).
  case diagonal
  /// The origin (hypot, atan2).
  case origin
  /// x = 0 with y < 0: the branch cut of atan2(x, y), whose angle jumps by 2π across it.
  case branchCut

  /// The distance of (x, y) from the set.
  public func distance(_ x: Double, _ y: Double) -> Double {
    switch self {
    case .diagonal: return Swift.abs(x - y) / 2.squareRoot()
    case .origin: return Double.hypot(x, y)
    case .branchCut: return y >= 0 ? Double.hypot(x, y) : Swift.abs(x)
    }
  }
}
