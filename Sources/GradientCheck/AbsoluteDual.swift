import DualAD

/// Forward mode with every local partial replaced by its absolute value.
///
/// Seeded with a unit tangent it computes, for each output, Aᵢⱼ = Σ over the paths from xⱼ to
/// yᵢ of Π |partials|: the sum of the magnitudes of the terms whose signed sum is Jᵢⱼ. So
/// |Jᵢⱼ| ≤ Aᵢⱼ, with equality when nothing cancels, and the round-off of any order of
/// summing those terms (forward or reverse) is at most about L·ε·Aᵢⱼ for paths of length L.
/// That makes Aᵢⱼ the scale for comparing two modes, and it comes from the same rule table.
public struct AbsoluteDual: RuleDifferentiable, Sendable {
  public typealias Primal = Double
  public typealias Magnitude = AbsoluteDual
  public typealias FloatLiteralType = Double
  public typealias IntegerLiteralType = Int

  /// The primal value.
  public var value: Double
  /// The sum over paths of Π |partials|, times the seed.
  public var tangent: Double

  public init(value: Double, tangent: Double) {
    self.value = value
    self.tangent = tangent
  }

  public init(_ primal: Double) { self.init(value: primal, tangent: 0) }

  public var primal: Double { value }
  public var isIdenticallyZero: Bool { value == 0 && tangent == 0 }

  public static func applying(_ rule: UnaryPrimitive, to x: Self) -> Self {
    let (v, d) = rule.evaluate(x.value)
    return Self(value: v, tangent: Swift.abs(d) * x.tangent)
  }

  public static func applying(_ rule: BinaryPrimitive, _ x: Self, _ y: Self) -> Self {
    let (v, dx, dy) = rule.evaluate(x.value, y.value)
    // A constant operand (tangent 0) adds nothing, even where its partial is NaN (xʸ at x < 0).
    let fromX = x.tangent == 0 ? 0 : Swift.abs(dx) * x.tangent
    let fromY = y.tangent == 0 ? 0 : Swift.abs(dy) * y.tangent
    return Self(value: v, tangent: fromX + fromY)
  }
}

/// The Jacobian of absolute partials A (see ``AbsoluteDual``); rows are outputs.
public func absoluteJacobian<F: ADFunction>(of f: F, at x: [Double]) -> [[Double]] {
  var columns: [[Double]] = []
  for j in x.indices {
    let seeded = x.indices.map { AbsoluteDual(value: x[$0], tangent: $0 == j ? 1 : 0) }
    columns.append(f(seeded).map(\.tangent))
  }
  let m = columns.first?.count ?? 0
  return (0..<m).map { i in columns.map { $0[i] } }
}
