/// eˣ and log(1 + x) on `Double`, written without branches or calls so that a loop over them
/// compiles to vector instructions (glibc's `exp` and `log1p` are calls, one element at a time).
///
/// The algorithms are fdlibm's (as in musl): the same reductions and polynomials, with every
/// `if` turned into a select. Against glibc over 10⁶ random points of each range, and at the
/// extremes (`BranchFreeElementaryTests`): `exp` and `logOnePlus` within 1 ulp; subnormal
/// results of `exp` within one unit of the subnormal spacing (the scaling rounds twice there).
/// `softplusAndSigmoid` within 2 ulp (softplus) and 3 ulp (σ) of glibc's log1p(exp(−a)) and
/// e/(1 + e), which round e first as well. Loops over them run two lanes wide (SSE2, the
/// baseline the package compiles for) at about a third of the instructions of the calls.
enum BranchFreeElementary {
  // 1.5·2⁵²: adding it rounds a double of magnitude < 2⁵¹ to an integer, which then sits in
  // the low bits of the sum's bit pattern.
  private static let roundingShift = 6_755_399_441_055_744.0
  private static let ln2Hi = 6.931_471_803_691_238_164_90e-01  // 32 trailing zero bits: k·ln2Hi is exact
  private static let ln2Lo = 1.908_214_929_270_587_700_02e-10
  private static let inverseLn2 = 1.442_695_040_888_963_387_00

  /// eˣ: x = k·ln 2 + r with |r| ≤ ln 2 / 2, eʳ from fdlibm's rational form, scaled by 2ᵏ.
  @inline(__always)
  static func exp(_ x: Double) -> Double {
    // Beyond these eˣ is ∞ or 0; clamping first keeps k and the scale bits in range.
    let overflow = 709.782_712_893_383_973_096
    let scaled = exponential(x > 710 ? 710 : (x < -746 ? -746 : x))
    if x != x { return x }
    return x > overflow ? .infinity : (x < underflow ? 0 : scaled)
  }

  /// log(1 + x): 1 + x = 2ᵏ·m with m in [√2/2, √2), rounded to w = 1 + x with the lost part
  /// c = (x − (w − 1))/w added back.
  @inline(__always)
  static func logOnePlus(_ x: Double) -> Double {
    let w = 1 + x
    // The high word shifted so that the exponent field counts from √2/2, as fdlibm does.
    let high = (w.bitPattern >> 32) &+ (0x3ff0_0000 - 0x3fe6_a09e)
    let exponent = (high >> 20) & 0x7ff
    let k = Double(bitPattern: 0x4330_0000_0000_0000 | exponent) - (4_503_599_627_370_496.0 + 1023)
    let lost = k >= 2 ? 1 - (w - x) : x - (w - 1)
    let c = k < 54 ? lost / w : 0
    let mantissa = ((high & 0x000f_ffff) &+ 0x3fe6_a09e) << 32 | (w.bitPattern & 0xffff_ffff)
    let result = logarithm(f: Double(bitPattern: mantissa) - 1, k: k, correction: c)
    // NaN, ±0 and ∞ are their own log1p; below −1 there is no value.
    if x != x || x == 0 || x == .infinity { return x }
    return x < -1 ? .nan : (x == -1 ? -.infinity : result)
  }

  /// softplus(−a) = log(1 + e^−a) and σ(−a) = e^−a/(1 + e^−a) for a ≥ 0 (or NaN), the two
  /// functions of BCE-with-logits, sharing e = e^−a and 1/(1 + e). The steps are ``exp(_:)``'s
  /// and ``logOnePlus(_:)``'s with the cases that cannot occur here left out: e is in [0, 1], so
  /// w = 1 + e is in [1, 2], w − 1 is exact, and 1 + e = 2ᵏ·m needs only k ∈ {0, 1}.
  @inline(__always)
  static func softplusAndSigmoid(ofMinus a: Double) -> (softplus: Double, sigmoid: Double) {
    let e = -a < underflow ? 0 : exponential(-a < -746 ? -746 : -a)  // NaN passes through
    let w = 1 + e
    let reciprocal = 1 / w
    let upper = w > 1.414_213_562_373_095_1
    let f = upper ? 0.5 * w - 1 : w - 1
    let softplus = logarithm(f: f, k: upper ? 1 : 0, correction: (e - (w - 1)) * reciprocal)
    return (softplus, e * reciprocal)
  }

  /// Below this eˣ rounds to 0.
  private static let underflow = -745.133_219_101_941_108_420

  /// eˣ for x in [−746, 710]: x = k·ln 2 + r, eʳ = 1 + r + r·c/(2 − c) with c = r − r²·P(r²),
  /// then 2ᵏ in two factors, so that neither leaves the normal range for k in [−1076, 1025].
  @inline(__always)
  private static func exponential(_ x: Double) -> Double {
    let p1 = 1.666_666_666_666_660_190_37e-01, p2 = -2.777_777_777_701_559_338_42e-03
    let p3 = 6.613_756_321_437_934_361_17e-05, p4 = -1.653_390_220_546_525_153_90e-06
    let p5 = 4.138_136_797_057_238_460_39e-08
    let k = (x * inverseLn2 + roundingShift) - roundingShift
    let hi = x - k * ln2Hi, lo = k * ln2Lo
    let r = hi - lo
    let t = r * r
    let c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))))
    let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
    let outer = k > 1000 ? 512.0 : (k < -1000 ? -512.0 : 0)
    return y * powerOfTwo(k - outer) * powerOfTwo(outer)
  }

  /// k·ln 2 + log(1 + f) + correction for f = m − 1, m in [√2/2, √2): log(1 + f) = 2s + s·R(s²)
  /// with s = f/(2 + f), R fdlibm's polynomial.
  @inline(__always)
  private static func logarithm(f: Double, k: Double, correction c: Double) -> Double {
    let lg1 = 6.666_666_666_666_735_130e-01, lg2 = 3.999_999_999_940_941_908e-01
    let lg3 = 2.857_142_874_366_239_149e-01, lg4 = 2.222_219_843_214_978_396e-01
    let lg5 = 1.818_357_216_161_805_012e-01, lg6 = 1.531_383_769_920_937_332e-01
    let lg7 = 1.479_819_860_511_658_591e-01
    let halfSquare = 0.5 * f * f
    let s = f / (2 + f)
    let z = s * s, z2 = z * z
    let t1 = z2 * (lg2 + z2 * (lg4 + z2 * lg6))
    let t2 = z * (lg1 + z2 * (lg3 + z2 * (lg5 + z2 * lg7)))
    return s * (halfSquare + t1 + t2) + (k * ln2Lo + c) - halfSquare + f + k * ln2Hi
  }

  /// 2ⁿ for an integer-valued n in the normal exponent range [−1022, 1023], from its bits.
  @inline(__always)
  private static func powerOfTwo(_ n: Double) -> Double {
    Double(bitPattern: ((n + roundingShift).bitPattern &+ 1023) << 52)
  }
}
