import DualAD
import DualADTensor
import Testing

@Suite("Reshaping and indexing, with gradients back in the original shape")
struct TensorShapingTests {
  @Test("reshape keeps row-major order, infers −1, and returns the gradient in the old shape")
  func reshape() throws {
    let x = try Tensor<Double>([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
    let r = try x.reshape([3, -1])
    #expect(r.shape == [3, 2])
    #expect(r.scalars == [1, 2, 3, 4, 5, 6])
    #expect(r.gradFn?.name == "ViewBackward0")
    try r.backward(gradient: Tensor([[1, 2], [3, 4], [5, 6]]))
    #expect(x.grad?.shape == [2, 3])
    #expect(x.grad?.scalars == [1, 2, 3, 4, 5, 6])
  }

  @Test("transposed swaps rows and columns; its gradient is the transposed gradient")
  func transpose() throws {
    let x = try Tensor<Double>([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
    let t = try x.transposed()
    #expect(t.shape == [3, 2])
    #expect(t.scalars == [1, 4, 2, 5, 3, 6])
    try t.backward(gradient: Tensor([[1, 2], [3, 4], [5, 6]]))
    #expect(x.grad?.scalars == [1, 3, 5, 2, 4, 6])
  }

  @Test("x[i] and select(dim:index:) take a slice; the gradient lands in that slice only")
  func select() throws {
    let x = try Tensor<Double>([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
    let row = try x[1]
    #expect(row.scalars == [4, 5, 6])
    #expect(row.gradFn?.name == "SelectBackward0")
    let column = try x.select(dim: 1, index: -1)
    #expect(column.scalars == [3, 6])
    try (row.sum() + column.sum()).backward()
    #expect(x.grad?.scalars == [0, 0, 1, 1, 1, 2])
  }
}
