import DualAD
import DualADTensor
import Testing

@Suite("noGrad scopes are task-local; detach cuts a tensor from the graph")
struct TensorNoGradTests {
  @Test("inside noGrad results do not require grad and record no node; the mode comes back after")
  func scope() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    #expect(isGradEnabled)
    let y = try noGrad {
      #expect(!isGradEnabled)
      return try x * x
    }
    #expect(isGradEnabled)
    #expect(!y.requiresGrad)
    #expect(y.gradFn == nil)
    #expect(y.scalars == [1, 4])
    // A leaf created inside still requires grad, as in PyTorch.
    let leaf = noGrad { Tensor<Double>([1], requiresGrad: true) }
    #expect(leaf.requiresGrad)
  }

  @Test("the mode is restored when the scope throws")
  func restoredAfterThrow() throws {
    #expect(throws: TensorError.self) {
      try noGrad { try Tensor<Double>([1, 2]) + Tensor<Double>([1, 2, 3]) }
    }
    #expect(isGradEnabled)
  }

  @Test("concurrent tasks inside and outside noGrad do not see each other's mode")
  func taskSafety() async throws {
    let results = await withTaskGroup(of: (inside: Bool, requiresGrad: Bool).self) { group in
      for i in 0..<64 {
        group.addTask {
          let inside = i.isMultiple(of: 2)
          func step() async -> Bool {
            await Task.yield()
            let x = Tensor<Double>([Double(i)], requiresGrad: true)
            await Task.yield()
            return x.exp().requiresGrad
          }
          if inside { return (true, await noGrad { await step() }) }
          return (false, await step())
        }
      }
      var all: [(inside: Bool, requiresGrad: Bool)] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 64)
    for result in results { #expect(result.requiresGrad == !result.inside) }
  }

  @Test("detach keeps the values, drops the graph; the original still differentiates")
  func detach() throws {
    let x = Tensor<Double>([3], requiresGrad: true)
    let y = try x * x
    let d = y.detach()
    #expect(d.scalars == [9])
    #expect(!d.requiresGrad)
    #expect(d.isLeaf)
    #expect(!(d * 2).requiresGrad)
    try (y * d).backward()  // d is a constant: ∂(x²·9)/∂x = 18x = 54
    #expect(x.grad?.scalars == [54])
  }
}
