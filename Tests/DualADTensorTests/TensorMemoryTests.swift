import DualAD
import DualADTensor
import Testing

@Suite("backward without retainGraph frees the graph's saved values")
struct TensorMemoryTests {
  @Test("a saved partial is deallocated by backward, and kept with retainGraph: true")
  func savedPartialReleased() throws {
    let x = Tensor<Double>([0, 1, 2], requiresGrad: true)
    let y = x.exp()
    weak let saved = try #require(try y.gradFn?.savedTensors.first)
    #expect(saved != nil)
    let s = y.sum()
    try s.backward(retainGraph: true)
    #expect(saved != nil)
    #expect(y.gradFn?.savedTensorsFreed == false)
    try s.backward()
    #expect(saved == nil)
    #expect(y.gradFn?.savedTensorsFreed == true)
    #expect(throws: TensorError.graphFreed(node: "ExpBackward0")) { try y.gradFn?.savedTensors }
  }

  @Test("an intermediate tensor that only the graph holds dies with the graph's saved values")
  func intermediateReleased() throws {
    let x = try Tensor<Double>.ones([2, 3], requiresGrad: true)
    let w = try Tensor<Double>.ones([3, 2], requiresGrad: true)
    weak var intermediate: Tensor<Double>?
    let loss: Tensor<Double> = try {
      let a = x * 2.0  // saved by MmBackward0 to compute w's gradient
      intermediate = a
      return try matmul(a, w).sum()
    }()
    #expect(intermediate != nil)
    try loss.backward()
    #expect(intermediate == nil)
    #expect(w.grad?.scalars == [4, 4, 4, 4, 4, 4])  // Aᵀ·ones: column sums of 2·ones(2×3)
  }

  @Test("retainGrad does not create a reference cycle: the graph dies with its output")
  func noCycleWithRetainGrad() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    weak var node: GradFn<Double>?
    weak var output: Tensor<Double>?
    do {
      let y = try x * x
      try y.retainGrad()
      node = y.gradFn
      output = y
      #expect(node != nil)
    }
    #expect(output == nil)
    #expect(node == nil)
  }
}
