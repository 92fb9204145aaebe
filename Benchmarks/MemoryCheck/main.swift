import DualAD
import DualADTensor

#if canImport(Glibc)
import Glibc
#endif

// One million successive gradient computations, and a hundred thousand tensor graphs, must not
// grow the resident memory: tapes and adjoints come from a bounded pool, tensor graphs are
// freed by backward. Prints VmRSS (from /proc/self/status) every 10% and exits 1 when the
// growth after the warm-up passes the bound.
//
//   swift run -c release MemoryCheck [iterations] [boundMiB]

/// The resident set size in KiB, or nil where /proc is not available.
func residentKiB() -> Int? {
  #if canImport(Glibc)
  guard let file = fopen("/proc/self/status", "r") else { return nil }
  defer { fclose(file) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), file) != nil {
    let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix("VmRSS:") {
      return Int(text.dropFirst(6).filter(\.isNumber))
    }
  }
  #endif
  return nil
}

/// Rosenbrock in n = 16 dimensions: a small function, so that a million calls take seconds.
func rosenbrock<T: ADScalar>(_ x: [T]) -> T {
  var s: T = 0
  for i in 0..<(x.count - 1) {
    let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
    s += 100 * a * a + b * b
  }
  return s
}

let arguments = CommandLine.arguments
let iterations = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let boundMiB = arguments.count > 2 ? Int(arguments[2]) ?? 8 : 8

var checksum = 0.0
@MainActor func phase(_ name: String, count: Int, warmUp: Int, _ body: (Int) throws -> Double) rethrows -> Bool {
  for k in 0..<warmUp { checksum += try body(k) }
  let start = residentKiB() ?? 0
  var peak = start
  print("\(name): \(count) calls after \(warmUp) warm-up calls; VmRSS at start \(start) KiB")
  for k in 0..<count {
    checksum += try body(k)
    if (k + 1) % (count / 10) == 0 {
      let now = residentKiB() ?? 0
      peak = max(peak, now)
      print("  after \(k + 1): VmRSS \(now) KiB (\(now - start >= 0 ? "+" : "")\(now - start) KiB)")
    }
  }
  let growth = peak - start
  let within = growth <= boundMiB * 1024
  print("  peak growth \(growth) KiB, bound \(boundMiB * 1024) KiB: \(within ? "within" : "EXCEEDED")")
  return within
}

var passed = true
let point = (0..<16).map { Double($0) / 16 }

passed = try phase("reverse gradient, Rosenbrock n = 16", count: iterations, warmUp: 1000) { k in
  var x = point
  x[k % 16] += 1e-3
  return try gradient(at: x) { rosenbrock($0) }[0]
} && passed

passed = try phase("forward Jacobian, Rosenbrock n = 16", count: iterations / 10, warmUp: 100) { k in
  var x = point
  x[k % 16] += 1e-3
  return try forwardJacobian(at: x) { [rosenbrock($0)] }[0][0]
} && passed

passed = try phase("tensor graph and backward (64 elements)", count: iterations / 10, warmUp: 100) { k in
  let x = Tensor<Double>(point + point + point + point, requiresGrad: true)
  let loss = try (x * x + Double(k % 7)).exp().mean()
  try loss.backward()
  return x.grad?.scalars[0] ?? .nan
} && passed

// One large gradient: 10⁶ inputs, 2·10⁶ nodes (hostile size for the scalar core).
let large = (0..<1_000_000).map { Double($0 % 1024) / 4 }
let before = residentKiB() ?? 0
let g = try gradient(at: large) { v in v.reduce(Variable(0)) { $0 + $1 * $1 } }
let correct = zip(g, large).allSatisfy { $0 == 2 * $1 }
print("gradient of Σx² at 10⁶ inputs: \(correct ? "2x, correct" : "WRONG"); VmRSS \(before) → \(residentKiB() ?? 0) KiB")
passed = passed && correct

print("checksum \(checksum)")
print(passed ? "memory check passed" : "memory check FAILED")
exit(passed ? 0 : 1)
