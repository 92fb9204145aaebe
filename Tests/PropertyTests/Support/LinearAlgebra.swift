/// Small dense helpers for the properties; matrices are `[[Double]]` with rows first.
enum LinearAlgebra {
  static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

  /// A·B.
  static func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let columns = b.first?.count ?? 0
    return a.map { row in (0..<columns).map { j in row.indices.reduce(0) { $0 + row[$1] * b[$1][j] } } }
  }

  /// vᵀA.
  static func rowTimes(_ v: [Double], _ a: [[Double]]) -> [Double] {
    let columns = a.first?.count ?? 0
    return (0..<columns).map { j in a.indices.reduce(0) { $0 + v[$1] * a[$1][j] } }
  }

  /// A·u.
  static func times(_ a: [[Double]], _ u: [Double]) -> [Double] { a.map { dot($0, u) } }

  static func absolute(_ v: [Double]) -> [Double] { v.map { Swift.abs($0) } }

  static func randomVector(_ count: Int, _ random: inout some RandomNumberGenerator) -> [Double] {
    (0..<count).map { _ in Double.random(in: -1...1, using: &random) }
  }
}
