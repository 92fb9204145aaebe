import DualAD
import DualADTensor
import Testing

@Suite("Tensor creation: literals, zeros/ones/full, linspace, arange, seeded randn/rand")
struct TensorCreationTests {
  @Test("literals give vectors, matrices and scalars in row-major order")
  func literals() throws {
    let v: Tensor<Double> = [1, 2, 3]
    #expect(v.shape == [3])
    #expect(v.rank == 1)
    let m = try Tensor<Double>([[1, 2], [3, 4], [5, 6]])
    #expect(m.shape == [3, 2])
    #expect(m.scalars == [1, 2, 3, 4, 5, 6])
    let s = Tensor<Float>(2.5)
    #expect(s.shape == [])
    #expect(s.count == 1)
    let t = try Tensor<Double>(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
    #expect(t.rank == 3)
    #expect(t.description == "tensor([[[1.0, 2.0]],\n        [[3.0, 4.0]]])")
    #expect(m.description == "tensor([[1.0, 2.0],\n        [3.0, 4.0],\n        [5.0, 6.0]])")
    let y = Tensor<Double>([2], requiresGrad: true) * 3
    #expect(y.description == "tensor([6.0], gradFn: MulBackward0)")
  }

  @Test("zeros, ones, full")
  func constantTensors() throws {
    #expect(try Tensor<Double>.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
    #expect(try Tensor<Double>.ones([2]).scalars == [1, 1])
    let f = try Tensor<Float>.full([2, 2], 7, requiresGrad: true)
    #expect(f.scalars == [7, 7, 7, 7])
    #expect(f.requiresGrad)
    #expect(f.isLeaf)
    #expect(try Tensor<Double>.zeros([]).shape == [])
    #expect(try Tensor<Double>.zeros([0, 3]).count == 0)
  }

  @Test("linspace includes both ends, evenly spaced")
  func linspace() throws {
    #expect(try Tensor<Double>.linspace(-1, 1, steps: 5).scalars == [-1, -0.5, 0, 0.5, 1])
    #expect(try Tensor<Double>.linspace(1, 5, steps: 5).scalars == [1, 2, 3, 4, 5])
    #expect(try Tensor<Double>.linspace(0, 1, steps: 1).scalars == [0])
    #expect(try Tensor<Double>.linspace(0, 1, steps: 0).count == 0)
    #expect(tensorClose(try Tensor<Double>.linspace(0, 1, steps: 4).scalars, [0, 1.0 / 3, 2.0 / 3, 1]))
    #expect(throws: TensorError.self) { try Tensor<Double>.linspace(0, 1, steps: -1) }
  }

  @Test("arange excludes the end; a step pointing away from it is an error")
  func arange() throws {
    #expect(try Tensor<Double>.arange(5).scalars == [0, 1, 2, 3, 4])
    #expect(try Tensor<Double>.arange(0, 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
    #expect(try Tensor<Double>.arange(5, 0, step: -2).scalars == [5, 3, 1])
    #expect(throws: TensorError.self) { try Tensor<Double>.arange(0, 1, step: 0) }
    #expect(throws: TensorError.self) { try Tensor<Double>.arange(0, 1, step: -1) }
  }

  @Test("randn and rand are reproducible from the seed and have the right moments")
  func random() throws {
    let a = try Tensor<Double>.randn([100_000], seed: 42)
    let b = try Tensor<Double>.randn([100_000], seed: 42)
    let c = try Tensor<Double>.randn([100_000], seed: 43)
    #expect(a.scalars == b.scalars)
    #expect(a.scalars != c.scalars)
    // N(0, 1): with 10⁵ samples the mean is within 5 standard errors (5/√10⁵ ≈ 0.016) of 0.
    let mean = a.scalars.reduce(0, +) / 1e5
    let variance = a.scalars.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1e5
    #expect(Swift.abs(mean) < 0.016)
    #expect(Swift.abs(variance - 1) < 0.03)
    let u = try Tensor<Float>.rand([100_000], seed: 1)
    #expect(u.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
    let uniformMean = u.scalars.map(Double.init).reduce(0, +) / 1e5
    #expect(Swift.abs(uniformMean - 0.5) < 0.005)  // 5 standard errors of U(0, 1): 5·0.289/√10⁵
  }
}
