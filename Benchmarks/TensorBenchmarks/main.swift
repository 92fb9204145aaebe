// Tensor benchmarks: one logistic-regression training step, matmul(x, w) + b then
// BCE-with-logits (mean), batch 256, 512 inputs, 512 outputs, in Double.
// Run with `swift run -c release TensorBenchmarks`.
import DualAD
import Foundation

// MARK: Harness

/// Minimum and median seconds per run over `samples` samples; each sample repeats the body until
/// it has lasted at least `minimumSampleSeconds`, so that clock resolution does not matter.
/// The body returns the seconds of the part it measures (setup it does outside is not counted).
func measure(samples: Int = 7, minimumSampleSeconds: Double = 0.2, _ body: () throws -> Double) rethrows
  -> (min: Double, median: Double)
{
  _ = try body()  // warm-up
  var perRun: [Double] = []
  for _ in 0..<samples {
    var total = 0.0, runs = 0
    while total < minimumSampleSeconds {
      total += try body()
      runs += 1
    }
    perRun.append(total / Double(runs))
  }
  perRun.sort()
  return (perRun[0], perRun[perRun.count / 2])
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func milliseconds(_ s: Double) -> String { String(format: "%8.3f ms", s * 1e3) }

func report(_ name: String, _ t: (min: Double, median: Double)) {
  print("  \(name.padding(toLength: 40, withPad: " ", startingAt: 0)) min \(milliseconds(t.min))   median \(milliseconds(t.median))")
}

// MARK: The problem

let batch = 256, inputs = 512, outputs = 512
let x = try Tensor<Double>.randn([batch, inputs], seed: 1)
let w = try Tensor<Double>.randn([inputs, outputs], seed: 2) * 0.05
try w.setRequiresGrad()
let b = try Tensor<Double>.zeros([outputs], requiresGrad: true)
let y = try Tensor<Double>(shape: [batch, outputs], scalars: Tensor<Double>.rand([batch, outputs], seed: 3).scalars.map { $0 < 0.5 ? 0 : 1 })

/// The step through the Tensor API.
struct TensorStep {
  let x: Tensor<Double>, w: Tensor<Double>, b: Tensor<Double>, y: Tensor<Double>

  func forward() throws -> Tensor<Double> {
    try binaryCrossEntropyWithLogits(matmul(x, w) + b, y)
  }
}
let step = TensorStep(x: x, w: w, b: b, y: y)

// MARK: The same step written by hand on [Double]: textbook i-p-j loops over row pointers

struct PlainStep {
  let batch: Int, inputs: Int, outputs: Int
  let x: [Double], w: [Double], b: [Double], y: [Double]

  func forward() -> (loss: Double, z: [Double]) {
    var z = [Double](repeating: 0, count: batch * outputs)
    x.withUnsafeBufferPointer { x in
      w.withUnsafeBufferPointer { w in
        b.withUnsafeBufferPointer { b in
          z.withUnsafeMutableBufferPointer { z in
            for i in 0..<batch {
              for j in 0..<outputs { z[i * outputs + j] = b[j] }
            }
            guard let w = w.baseAddress, let z = z.baseAddress else { return }
            for i in 0..<batch {
              let zRow = z + i * outputs
              for p in 0..<inputs {
                let a = x[i * inputs + p], wRow = w + p * outputs
                for j in 0..<outputs { zRow[j] += a * wRow[j] }
              }
            }
          }
        }
      }
    }
    var loss = 0.0
    for i in 0..<z.count {
      let v = z[i]
      loss += max(v, 0) - v * y[i] + log1p(exp(-abs(v)))
    }
    return (loss / Double(z.count), z)
  }

  func backward(z: [Double]) -> (w: [Double], b: [Double]) {
    let n = Double(z.count)
    var g = [Double](repeating: 0, count: z.count)
    for i in 0..<z.count {
      let v = z[i]
      let s = v >= 0 ? 1 / (1 + exp(-v)) : exp(v) / (1 + exp(v))
      g[i] = (s - y[i]) / n
    }
    var gw = [Double](repeating: 0, count: inputs * outputs)
    var gb = [Double](repeating: 0, count: outputs)
    x.withUnsafeBufferPointer { x in
      g.withUnsafeBufferPointer { g in
        gw.withUnsafeMutableBufferPointer { gw in
          guard let g = g.baseAddress, let gw = gw.baseAddress else { return }
          for i in 0..<batch {
            let gRow = g + i * outputs
            for p in 0..<inputs {
              let a = x[i * inputs + p], gwRow = gw + p * outputs
              for j in 0..<outputs { gwRow[j] += a * gRow[j] }
            }
          }
        }
      }
    }
    for i in 0..<batch { for j in 0..<outputs { gb[j] += g[i * outputs + j] } }
    return (gw, gb)
  }
}

let plain = PlainStep(batch: batch, inputs: inputs, outputs: outputs, x: x.scalars, w: w.scalars, b: b.scalars, y: y.scalars)

// The two must agree before their times mean anything.
let loss = try step.forward()
try loss.backward()
let (plainLoss, plainZ) = plain.forward()
let plainGradient = plain.backward(z: plainZ)
let gradientError = zip(w.grad?.scalars ?? [], plainGradient.w).map { abs($0 - $1) }.max() ?? .infinity
print("Logistic-regression step: z = matmul(x, w) + b, BCE-with-logits (mean); batch \(batch), \(inputs) → \(outputs), Double")
print("  check: loss tensor \(try loss.item()) plain \(plainLoss); max |ΔdW| = \(gradientError)")

// MARK: Timings

let tensorForward = try measure { try seconds { _ = try step.forward() } }
let tensorForwardNoGrad = try measure { try seconds { _ = try noGrad { try step.forward() } } }
let tensorBackward = try measure { () throws -> Double in
  let loss = try step.forward()
  w.zeroGrad()
  b.zeroGrad()
  return try seconds { try loss.backward() }
}
let plainForward = measure { seconds { _ = plain.forward() } }
let plainBackward = measure { () -> Double in
  let z = plain.forward().z
  return seconds { _ = plain.backward(z: z) }
}

report("forward, tensor (records the graph)", tensorForward)
report("forward, tensor in noGrad", tensorForwardNoGrad)
report("backward, tensor", tensorBackward)
report("forward, plain loop", plainForward)
report("backward, plain loop", plainBackward)
func ratio(_ name: String, _ a: (min: Double, median: Double), _ b: (min: Double, median: Double), bar: String = "") {
  let line = String(format: "%.2f (medians), %.2f (minima)", a.median / b.median, a.min / b.min)
  print("  \(name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(line)\(bar)")
}
ratio("backward / forward, tensor", tensorBackward, tensorForward, bar: "   bar: at most 3")
ratio("forward: tensor / plain loop", tensorForward, plainForward)
ratio("backward: tensor / plain loop", tensorBackward, plainBackward)
let flops = 2.0 * Double(batch * inputs * outputs)
print(String(format: "  matmul throughput in the tensor forward: %.2f GFLOP/s", flops / tensorForward.min / 1e9))
