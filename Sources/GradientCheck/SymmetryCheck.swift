/// Whether a Hessian built column by column from Hessian-vector products is symmetric.
///
/// Column j is H·eⱼ from its own pass, so Hᵢⱼ and Hⱼᵢ come from different computations; for a
/// correct second derivative they agree up to round-off. A rule whose partial derivative is
/// right in value but is not differentiated consistently (a cross term dropped or mis-signed on
/// one side) breaks the pairing. Both Hessian operators of the core return exactly symmetric
/// matrices by construction, so the check uses the unsymmetrized products instead.
public struct SymmetryCheck: Sendable, Equatable, Codable {
  /// The pair (i, j), i < j, farthest from symmetric relative to the allowance.
  public var row: Int
  public var column: Int
  /// (H·eⱼ)ᵢ.
  public var upper: Double
  /// (H·eᵢ)ⱼ.
  public var lower: Double
  /// |upper − lower|.
  public var difference: Double
  /// 10³·ε·n·max|Hₖₗ|, ε the unit round-off of the arithmetic.
  public var allowed: Double
  public var passed: Bool

  /// Compares every pair of a square matrix given as its columns; non-finite pairs are skipped.
  init(columns h: [[Double]], unitRoundoff: Double) {
    let n = h.count
    let scale = h.flatMap { $0 }.filter(\.isFinite).map(Swift.abs).max() ?? 0
    allowed = 1e3 * unitRoundoff * Double(n) * scale + Double.leastNormalMagnitude
    (row, column, upper, lower, difference) = (0, 0, 0, 0, 0)
    for j in 0..<n {
      for i in 0..<j where i < h[j].count && j < h[i].count {
        let a = h[j][i], b = h[i][j]
        guard a.isFinite, b.isFinite else { continue }
        let d = Swift.abs(a - b)
        if d > difference { (row, column, upper, lower, difference) = (i, j, a, b, d) }
      }
    }
    passed = difference <= allowed
  }
}
