import DualAD
import DualADTensor
import Testing

@Suite("scatteredToMatrices and gatheredFromMatrices: triangular factors from packed entries, and back")
struct TensorMatrixPositionTests {
  /// The strictly-lower positions of a 3×3 matrix, column by column (ADBench's order for L).
  let rows = [1, 2, 2], columns = [0, 0, 1]

  @Test("packed entries become lower-triangular matrices, zeros elsewhere")
  func scatterValues() throws {
    let packed = try Tensor<Double>([[1, 2, 3], [4, 5, 6]])
    let l = try packed.scatteredToMatrices(size: 3, rows: rows, columns: columns)
    #expect(l.shape == [2, 3, 3])
    let expected: [Double] = [0, 0, 0, 1, 0, 0, 2, 3, 0] + [0, 0, 0, 4, 0, 0, 5, 6, 0]
    #expect(l.scalars == expected)
  }

  @Test("the pullback reads ḡ at the positions; gather's pullback places it back (IndexPutBackward0, IndexBackward0)")
  func pullbacks() throws {
    let packed = Tensor<Double>([7, 8, 9], requiresGrad: true)
    let l = try packed.scatteredToMatrices(size: 3, rows: rows, columns: columns)
    #expect(l.gradFn?.name == "IndexPutBackward0")
    let g = try Tensor<Double>(shape: [3, 3], scalars: (1...9).map(Double.init))
    try l.backward(gradient: g)
    // ḡ at (1, 0), (2, 0), (2, 1) in row-major order: entries 4, 7, 8.
    #expect(packed.grad?.scalars == [4, 7, 8])

    let m = try Tensor<Double>(shape: [3, 3], scalars: (1...9).map(Double.init), requiresGrad: true)
    let entries = try m.gatheredFromMatrices(rows: rows, columns: columns)
    #expect(entries.scalars == [4, 7, 8])
    #expect(entries.gradFn?.name == "IndexBackward0")
    try entries.backward(gradient: Tensor([10, 20, 30]))
    #expect(m.grad?.scalars == [0, 0, 0, 10, 0, 0, 20, 30, 0])
  }

  @Test("double backward through the pair: Σ (L ⊙ L) has Hessian 2·I in the packed entries")
  func doubleBackward() throws {
    let packed = Tensor<Double>([1, -2, 3], requiresGrad: true)
    let l = try packed.scatteredToMatrices(size: 3, rows: rows, columns: columns)
    let first = try gradients(of: (l * l).sum(), withRespectTo: [packed], createGraph: true)[0]
    #expect(first.scalars == [2, -4, 6])
    try first.sum().backward()
    #expect(packed.grad?.scalars == [2, 2, 2])
  }

  @Test("negative indices count from the end, as in PyTorch")
  func negativeIndices() throws {
    let l = try Tensor<Double>([5]).scatteredToMatrices(size: 2, rows: [-1], columns: [0])
    #expect(l.scalars == [0, 0, 5, 0])
  }

  @Test("mistakes throw PyTorch's messages")
  func errors() throws {
    let packed = Tensor<Double>([1, 2, 3])
    #expect(throws: TensorError.indexPutShapeMismatch(values: [3], indexing: [2])) {
      try packed.scatteredToMatrices(size: 3, rows: [1, 2], columns: [0, 0])
    }
    #expect(throws: TensorError.indexShapeMismatch(rows: 3, columns: 2)) {
      try packed.scatteredToMatrices(size: 3, rows: [1, 2, 2], columns: [0, 0])
    }
    #expect(throws: TensorError.indexOutOfRange(index: 3, dimension: 0, size: 3)) {
      try packed.scatteredToMatrices(size: 3, rows: [1, 3, 2], columns: [0, 0, 1])
    }
    #expect(throws: TensorError.duplicatePosition(row: 1, column: 0)) {
      try packed.scatteredToMatrices(size: 3, rows: [1, 1, 2], columns: [0, 0, 1])
    }
    #expect(throws: TensorError.dimensionOutOfRange(dimension: -1, rank: 0)) {
      try Tensor<Double>(1.0).scatteredToMatrices(size: 1, rows: [0], columns: [0])
    }
    #expect(throws: TensorError.invalidReshape(shape: [2, 3], count: 6)) {
      try Tensor<Double>.zeros([2, 3]).gatheredFromMatrices(rows: [0], columns: [0])
    }
    #expect(TensorError.indexPutShapeMismatch(values: [3], indexing: [2]).description.hasPrefix(
      "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2]"))
    #expect(TensorError.indexOutOfRange(index: 3, dimension: 0, size: 3).description
      == "index 3 is out of bounds for dimension 0 with size 3")
  }
}
