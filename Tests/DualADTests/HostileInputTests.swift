import DualAD
import DualADTensor
import Testing

// Hostile inputs to the core and the tensors: each ends in a clear error or a correct result.
// Expected values are closed forms.

@Suite("Hostile inputs to the core and the tensors")
struct HostileInputTests {
  @Test("10⁶ tensor elements differentiate (2x for Σx²); the scalar core at 10⁵ (Scripts/check-memory runs 10⁶)")
  func millionElements() throws {
    let n = 1_000_000
    let x = (0..<n).map { Double($0 % 1024) / 4 }
    let t = Tensor<Double>(x, requiresGrad: true)
    try (t * t).sum().backward()
    let grad = try #require(t.grad?.scalars)
    #expect(grad.count == n)
    #expect(grad[1023] == 2 * 255.75)
    #expect(grad == x.map { 2 * $0 })
    // A debug build runs the generic scalar core at about 2 µs per element: 10⁵ keeps this fast.
    let small = Array(x.prefix(100_000))
    let g = try SumOfSquares().gradient(at: small)
    #expect(g == small.map { 2 * $0 })
  }

  @Test("empty tensors: sum is 0 with an empty gradient, mean is NaN, logsumexp throws")
  func emptyTensors() throws {
    let empty = try Tensor<Double>.zeros([0], requiresGrad: true)
    let s = empty.sum()
    #expect(s.scalars == [0])
    try s.backward()
    #expect(empty.grad?.scalars == [])
    #expect(empty.mean().scalars[0].isNaN)  // 0/0, as torch.mean of an empty tensor
    #expect(throws: TensorError.emptyReduction(operation: "logsumexp")) { try empty.logsumexp() }
    #expect(throws: TensorError.notOneElement(count: 0)) { try empty.item() }
  }

  @Test("mismatched shapes throw before anything is recorded")
  func mismatchedShapes() throws {
    let a = try Tensor<Double>.ones([1000, 3], requiresGrad: true), b = try Tensor<Double>.ones([999, 3])
    #expect(throws: TensorError.broadcastMismatch(lhs: [1000, 3], rhs: [999, 3])) { try a * b }
    #expect(throws: TensorError.matmulMismatch(lhs: [1000, 3], rhs: [999, 3])) { try matmul(a, b) }
    #expect(a.grad == nil)
  }

  @Test("NaN and ±∞ elements flow through the tensor rules as IEEE says")
  func nonFiniteElements() throws {
    let x = Tensor<Double>([.nan, .infinity, -.infinity, 1], requiresGrad: true)
    let y = x.sigmoid().sum()
    try y.backward()
    let g = try #require(x.grad?.scalars)
    #expect(g[0].isNaN)
    #expect(g[1] == 0)  // σ′ = σ(1 − σ) → 0 at ±∞
    #expect(g[2] == 0)
    #expect(abs(g[3] - 0.19661193324148185) < 1e-15)  // e/(1+e)²
  }

  @Test("a NaN in the gradient passed to backward reaches only the elements it weighs")
  func nanCotangent() throws {
    let x = Tensor<Double>([1, 2], requiresGrad: true)
    try (x * x).backward(gradient: Tensor([.nan, 1]))
    let g = try #require(x.grad?.scalars)
    #expect(g[0].isNaN)
    #expect(g[1] == 4)
    let (value, vjp) = try Square().vjp(at: [1.0, 2], cotangent: [.nan, 1])
    #expect(value == [1, 4])
    #expect(vjp[0].isNaN)
    #expect(vjp[1] == 4)
  }

  @Test("a tangent with ∞ gives ∞ where it flows and NaN where it meets a zero partial")
  func infiniteTangent() throws {
    let (value, jvp) = try Square().jvp(at: [0.0, 3], tangent: [.infinity, 1])
    #expect(value == [0, 9])
    #expect(jvp[0].isNaN)  // 2·0·∞
    #expect(jvp[1] == 6)
  }
}
