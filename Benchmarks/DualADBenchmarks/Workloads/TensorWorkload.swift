import DualAD
import DualADTensor
import Foundation

/// Workload 4: one logistic-regression step on tensors, z = matmul(x, w) + b then BCE-with-logits
/// (mean), batch 256, 512 → 512, Double; beside the same step written by hand as plain loops.
func tensorWorkload(batch: Int = 256, inputs: Int = 512, outputs: Int = 512) throws -> Workload {
  let x = try Tensor<Double>.randn([batch, inputs], seed: 1)
  let w = try Tensor<Double>.randn([inputs, outputs], seed: 2) * 0.05
  try w.setRequiresGrad()
  let b = try Tensor<Double>.zeros([outputs], requiresGrad: true)
  let y = try Tensor<Double>(shape: [batch, outputs], scalars: Tensor<Double>.rand([batch, outputs], seed: 3).scalars.map { $0 < 0.5 ? 0 : 1 })
  func forward() -> Tensor<Double>? { try? binaryCrossEntropyWithLogits(matmul(x, w) + b, y) }
  let plain = PlainStep(batch: batch, inputs: inputs, outputs: outputs, x: x.scalars, w: w.scalars, b: b.scalars, y: y.scalars)

  // The two must agree before their times mean anything.
  guard let loss = forward() else { throw CheckFailure(description: "the tensor step threw") }
  try loss.backward()
  let (plainLoss, plainZ) = plain.forward()
  let plainGradient = plain.backward(z: plainZ)
  try check("logistic step: tensor loss against plain loops", Swift.abs(try loss.item() - plainLoss) / Swift.abs(plainLoss), below: 1e-12)
  try check("logistic step: tensor ∂loss/∂w against plain loops", maxRelativeDifference(w.grad?.scalars ?? [], plainGradient.w), below: 1e-12)
  report.exported["logistic/\(batch)x\(inputs)x\(outputs)"] = [
    "x": x.scalars, "w": w.scalars, "b": b.scalars, "y": y.scalars, "batch": batch, "inputs": inputs, "outputs": outputs,
    "loss": plainLoss, "gradient_w": plainGradient.w, "z": plainZ,
  ]

  func timed(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return now() - start
  }
  let peers = [
    Peer("forward") { _ = forward() },
    Peer.selfTimed("backward") {
      let loss = forward()
      w.zeroGrad()
      b.zeroGrad()
      return timed { _ = try? loss?.backward() }
    },
    Peer("step") {
      w.zeroGrad()
      b.zeroGrad()
      _ = try? forward()?.backward()
    },
    Peer("forward in noGrad") { _ = noGrad { forward() } },
    // The step's two products alone, for the GFLOP/s beside numpy: x·w, and xᵀ·Ḡ in backward
    // (with Ḡ = y, any batch × outputs matrix).
    Peer("matmul") { _ = noGrad { try? matmul(x, w) } },
    Peer.selfTimed("matmul backward") {
      let product = try? matmul(x, w)
      w.zeroGrad()
      return timed { _ = try? product?.backward(gradient: y) }
    },
    Peer("plain forward") { blackHole(plain.forward().loss) },
    Peer.selfTimed("plain backward") {
      let z = plain.forward().z
      return timed { blackHole(plain.backward(z: z).w) }
    },
  ]
  return Workload(id: "logistic/\(batch)x\(inputs)x\(outputs)", peers: peers) { t in
    let (forward, backward, step, noGradForward) = (t[0], t[1], t[2], t[3])
    let (product, productBackward, plainForward, plainBackward) = (t[4], t[5], t[6], t[7])
    report.heading("4. Logistic-regression step on tensors: batch \(batch), \(inputs) → \(outputs), Double")
    report.add("z = matmul(x, w) + b, then BCE-with-logits (mean); the plain peer is the same step as textbook loops over row pointers. The tensor API records one node per tensor op, so its tape is 3 nodes long; the time is all in the kernels.\n")
    report.table(["", "tensor API", "plain loops", "tensor / plain"], [
      ["forward (records the graph)", cell(forward), cell(plainForward), ratioCell(forward, plainForward)],
      ["forward in noGrad", cell(noGradForward), "", ratioCell(noGradForward, plainForward)],
      ["backward", cell(backward), cell(plainBackward), ratioCell(backward, plainBackward)],
      ["whole step (forward + backward)", cell(step), "", ""],
      ["backward / forward", ratioCell(backward, forward), ratioCell(plainBackward, plainForward), ""],
    ])
    let flops = 2.0 * Double(batch * inputs * outputs)
    report.add(String(
      format: "Matmul on OpenBLAS: x·w %.1f GFLOP/s, xᵀ·Ḡ in backward %.1f GFLOP/s (numpy's figures beside them come from Scripts/benchmark-jax).",
      flops / product.minimum / 1e9, flops / productBackward.minimum / 1e9))
    report.bar("tensors: backward / forward of the logistic step", backward.minimum / forward.minimum, atMost: 3)
  }
}

/// `iterations` logistic steps (forward + backward) of the workload's shapes, and nothing else:
/// fixed work whose instruction profile callgrind can take.
func profileLogisticStep(iterations: Int, batch: Int = 256, inputs: Int = 512, outputs: Int = 512) throws {
  let x = try Tensor<Double>.randn([batch, inputs], seed: 1)
  let w = try Tensor<Double>.randn([inputs, outputs], seed: 2) * 0.05
  try w.setRequiresGrad()
  let b = try Tensor<Double>.zeros([outputs], requiresGrad: true)
  let y = try Tensor<Double>(shape: [batch, outputs], scalars: Tensor<Double>.rand([batch, outputs], seed: 3).scalars.map { $0 < 0.5 ? 0 : 1 })
  for _ in 0..<iterations {
    w.zeroGrad()
    b.zeroGrad()
    try binaryCrossEntropyWithLogits(matmul(x, w) + b, y).backward()
  }
  blackHole(w.grad?.scalars.first ?? 0)
}

/// The same step written by hand on [Double]: textbook i-p-j loops over row pointers.
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
