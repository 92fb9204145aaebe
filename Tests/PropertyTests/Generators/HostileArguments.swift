import DualAD
import DualADTensor
import PropertyBased

/// Integers and reals at the ends of their types, mixed with ordinary ones: the arguments a
/// careless or hostile caller passes as sizes, steps, exponents, orders, dimensions and indices.
enum HostileArguments {
  /// The ends of Int, powers of two past any memory, and the edges of the documented ranges
  /// (polygamma orders 100 and 101, the expression language's integer-power cut at 2²⁰).
  static let boundaryIntegers: [Int] = [
    .min, .min + 1, -(1 << 40), -1_048_577, -101, -3, -2, -1, 0, 1, 2, 3, 100, 101,
    1_048_576, 1_048_577, 1 << 40, 1 << 62, .max - 1, .max,
  ]

  /// Sizes: small ones, whose products stay tiny, and huge ones, whose products are far past
  /// any memory; nothing in between, so that a size that fits is cheap to allocate.
  static let sizes: [Int] = [.min, -(1 << 40), -1, 0, 0, 1, 2, 3, 7, 1 << 35, 1 << 40, 1 << 62, .max - 1, .max]

  static let boundaryReals: [Double] = [
    0, -0.0, 1, -1, 2, -2, 0.5, -0.5, 3.7, -3.7, 1e-300, .leastNonzeroMagnitude, 1e18, -1e18, 1e23, 1e300, -1e300,
    .infinity, -.infinity, .nan, 9_223_372_036_854_775_808.0, -9_223_372_036_854_775_808.0,
  ]

  /// A boundary integer, a small one, or any Int, a third of the time each.
  static var integer: Generator<Int, Shrink.None<Int>> {
    Generator { rng in
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: return boundaryIntegers.randomElement(using: &rng) ?? 0
      case 1: return Int.random(in: -4...4, using: &rng)
      default: return Int.random(in: .min ... .max, using: &rng)
      }
    }
  }

  /// A shape of rank 0 to 3 drawn from ``sizes``.
  static var shape: Generator<[Int], Shrink.None<[Int]>> {
    Generator { rng in
      (0..<Int.random(in: 0...3, using: &rng)).map { _ in sizes.randomElement(using: &rng) ?? 0 }
    }
  }

  /// A boundary real half of the time, otherwise a real in [−10, 10].
  static var real: Generator<Double, Shrink.None<Double>> {
    Generator { rng in
      Bool.random(using: &rng)
        ? boundaryReals.randomElement(using: &rng) ?? 0 : Double.random(in: -10...10, using: &rng)
    }
  }
}

/// What a creation of `shape` must do, worked out without the library: sizes multiplied with
/// division checks instead of overflow reports.
enum ExpectedStorage: Equatable {
  case fits(count: Int)
  case error(TensorError)

  init(shape: [Int], elementBytes: Int, limit: Int = StorageLimit.bytes) {
    if shape.contains(where: { $0 < 0 }) {
      self = .error(.negativeDimension(shape: shape))
      return
    }
    var product = 1
    for size in shape where size != 0 {
      if product > Int.max / size {
        self = .error(.tooManyElements(shape: shape))
        return
      }
      product *= size
    }
    let count = shape.contains(0) ? 0 : product
    if count > Int.max / elementBytes {
      self = .error(.tooManyElements(shape: shape))
    } else if count * elementBytes > limit {
      self = .error(.cannotAllocate(shape: shape, bytes: count * elementBytes, limit: limit))
    } else {
      self = .fits(count: count)
    }
  }

  /// The outcome of `body`: the count of the tensor it made, or its error.
  static func outcome<S>(_ body: () throws(TensorError) -> Tensor<S>) -> (ExpectedStorage, Tensor<S>?) {
    do throws(TensorError) {
      let t = try body()
      return (.fits(count: t.count), t)
    } catch { return (.error(error), nil) }
  }
}

/// Equal, or both NaN.
func sameValue(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
