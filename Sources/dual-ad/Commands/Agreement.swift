/// How far the modes are apart, and whether that is within tolerance.
///
/// Two automatic modes must agree to 1e-9 relative (they differ only in rounding);
/// against a numeric estimate, the allowance is GradientCheck's: 10·abserr + 1e-9 + 1e-6·|numeric|.
/// NaN agrees with NaN, and an infinity with the same infinity; a non-finite value is not
/// compared with a numeric estimate (it is counted and reported instead).
struct Agreement {
  /// The largest |a − b| over every pair of modes and every entry (NaN when one side is NaN alone).
  var maxDifference = 0.0
  var agree = true
  /// Entries where one side is NaN or infinite and the other a numeric estimate: not compared.
  var nonFiniteAgainstNumeric = 0

  init(_ results: [ModeResult]) {
    for (i, a) in results.enumerated() {
      for b in results[(i + 1)...] {
        compare(a, b)
      }
    }
  }

  private mutating func compare(_ a: ModeResult, _ b: ModeResult) {
    for (r, (rowA, rowB)) in zip(a.rows, b.rows).enumerated() {
      for (c, (va, vb)) in zip(rowA, rowB).enumerated() {
        if va.isNaN && vb.isNaN { continue }
        if va.isInfinite && va == vb { continue }
        let errorA = Self.error(a, r, c), errorB = Self.error(b, r, c)
        // As GradientCheck does: a non-finite value against a finite difference is reported, not compared.
        if (errorA != nil || errorB != nil) && !(va.isFinite && vb.isFinite) {
          nonFiniteAgainstNumeric += 1
          continue
        }
        let difference = Swift.abs(va - vb)
        if difference.isNaN || difference > maxDifference || maxDifference.isNaN {
          maxDifference = maxDifference.isNaN ? maxDifference : difference
        }
        let allowed: Double
        if errorA == nil && errorB == nil {
          allowed = 1e-9 * max(1, Swift.abs(va), Swift.abs(vb))
        } else {
          let numeric = errorA != nil ? va : vb
          allowed = 10 * ((errorA ?? 0) + (errorB ?? 0)) + 1e-9 + 1e-6 * Swift.abs(numeric)
        }
        if !(difference <= allowed) { agree = false }
      }
    }
  }

  private static func error(_ result: ModeResult, _ r: Int, _ c: Int) -> Double? {
    guard let errors = result.errors, r < errors.count, c < errors[r].count else { return nil }
    return errors[r][c]
  }
}
