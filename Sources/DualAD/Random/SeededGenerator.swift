/// A small, fast, reproducible random number generator (SplitMix64), for `rand`, `randn` and the
/// gradient checker's random directions: the same seed gives the same numbers on every platform.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  package mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal double, by the Box–Muller transform z = √(−2 log u₁)·cos(2π u₂).
  package mutating func nextNormal() -> Double {
    let u1 = 1 - nextUnit()  // in (0, 1], so the log is finite
    let u2 = nextUnit()
    return Double.sqrt(-2 * Double.log(u1)) * Double.cos(2 * Double.pi * u2)
  }
}
