@testable import DualAD
@testable import DualADTensor
import Foundation
import Testing

// Sizes that cannot be allocated throw before allocating. Byte counts are 8 per Double, worked
// by hand; the limit itself is checked against /proc/meminfo.

@Suite("Tensor sizes beyond the memory throw before allocating")
struct StorageLimitTests {
  /// 8 · 2⁴⁰ bytes: 2⁴⁰ Doubles, or 2²⁰ × 2²⁰.
  private let eightTebibytes = 8_796_093_022_208

  @Test("the limit is the physical memory: MemTotal of /proc/meminfo")
  func limitIsPhysicalMemory() throws {
    #if os(Linux)
    let meminfo = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
    let line = try #require(meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
    let kilobytes = try #require(line.split(separator: " ").dropFirst().first.flatMap { Int($0) })
    #expect(StorageLimit.bytes == kilobytes * 1024)
    #endif
    #expect(StorageLimit.bytes > 0)
  }

  @Test("the check at a small limit: 125 Doubles fit in 1000 bytes, 126 do not")
  func checkAtTheBoundary() throws {
    #expect(try checkedStorage(of: [5, 25], elementBytes: 8, limit: 1000) == 125)
    #expect(throws: TensorError.cannotAllocate(shape: [2, 63], bytes: 1008, limit: 1000)) {
      try checkedStorage(of: [2, 63], elementBytes: 8, limit: 1000)
    }
    #expect(try checkedStorage(of: [0, 1 << 62], elementBytes: 8, limit: 0) == 0)
  }

  @Test("Tensor<Double>.zeros([1 << 40]) throws cannotAllocate with 8 796 093 022 208 bytes")
  func zerosOfTwoToTheForty() {
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 40], bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try Tensor<Double>.zeros([1 << 40])
    }
  }

  @Test(".randn([1 << 20, 1 << 20], seed:) throws cannotAllocate")
  func randnOfTwoToTheTwentySquared() {
    let shape = [1 << 20, 1 << 20]
    #expect(throws: TensorError.cannotAllocate(shape: shape, bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try Tensor<Double>.randn(shape, seed: 1)
    }
    #expect(throws: TensorError.cannotAllocate(shape: shape, bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try Tensor<Double>.rand(shape, seed: 1)
    }
  }

  @Test(".arange(0, 1e18, step: 1) throws cannotAllocate with 8·10¹⁸ bytes")
  func arangeToTenToTheEighteen() {
    #expect(throws: TensorError.cannotAllocate(shape: [1_000_000_000_000_000_000], bytes: 8_000_000_000_000_000_000, limit: StorageLimit.bytes)) {
      try Tensor<Double>.arange(0, 1e18, step: 1)
    }
    // 2·10¹⁸ elements: the bytes overflow Int, as PyTorch reports it.
    #expect(throws: TensorError.tooManyElements(shape: [2_000_000_000_000_000_000])) {
      try Tensor<Double>.arange(0, 2e18)
    }
  }

  @Test("full, ones and linspace check too; Float counts 4 bytes, Dual<Double> its stride")
  func everyCreationFunction() {
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 40], bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try Tensor<Double>.full([1 << 40], 7)
    }
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 20, 1 << 20], bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try Tensor<Double>.ones([1 << 20, 1 << 20])
    }
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 40], bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try Tensor<Double>.linspace(0, 1, steps: 1 << 40)
    }
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 40], bytes: 4_398_046_511_104, limit: StorageLimit.bytes)) {
      try Tensor<Float>.zeros([1 << 40])
    }
    let dualBytes = (1 << 40) * MemoryLayout<Dual<Double>>.stride
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 40], bytes: dualBytes, limit: StorageLimit.bytes)) {
      try Tensor<Dual<Double>>.zeros([1 << 40])
    }
  }

  @Test("sizes whose elements or bytes overflow Int throw tooManyElements, zeros aside")
  func overflowingSizes() {
    #expect(throws: TensorError.tooManyElements(shape: [Int.max / 4])) { try Tensor<Double>.zeros([Int.max / 4]) }
    #expect(throws: TensorError.tooManyElements(shape: [0, Int.max, 2])) { try Tensor<Double>.zeros([0, Int.max, 2]) }
    #expect(throws: TensorError.tooManyElements(shape: [Int.max])) { try Tensor<Double>.linspace(0, 1, steps: Int.max) }
    // A negative size is named first, even after sizes that overflow.
    #expect(throws: TensorError.negativeDimension(shape: [Int.max, 2, -1])) { try Tensor<Double>.ones([Int.max, 2, -1]) }
  }

  @Test("broadcasting [2²⁰, 1] with [1, 2²⁰] throws before the 8 TiB result")
  func broadcastingBeyondTheMemory() throws {
    let column = try Tensor<Double>.zeros([1 << 20, 1], requiresGrad: true), row = try Tensor<Double>.zeros([1, 1 << 20])
    let error = TensorError.cannotAllocate(shape: [1 << 20, 1 << 20], bytes: eightTebibytes, limit: StorageLimit.bytes)
    #expect(throws: error) { try column + row }
    #expect(throws: error) { try column * row }
    #expect(throws: error) { try column.pow(row) }
    #expect(throws: error) { try column.applying(.atan2, row) }
  }

  @Test("matmul of empty [2²⁰, 0]·[0, 2²⁰] throws before the 8 TiB product; [Int.max, 0]·[0, 2] overflows")
  func matmulBeyondTheMemory() throws {
    let a = try Tensor<Double>.zeros([1 << 20, 0]), b = try Tensor<Double>.zeros([0, 1 << 20])
    #expect(throws: TensorError.cannotAllocate(shape: [1 << 20, 1 << 20], bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try a.matmul(b)
    }
    let tall = try Tensor<Double>.zeros([Int.max, 0]), wide = try Tensor<Double>.zeros([0, 2])
    #expect(throws: TensorError.tooManyElements(shape: [Int.max, 2])) { try tall.matmul(wide) }
    // A product that fits: the empty sum is 0.
    #expect(try Tensor<Double>.zeros([2, 0]).matmul(Tensor<Double>.zeros([0, 3])).scalars == [0, 0, 0, 0, 0, 0])
  }

  @Test("a 2¹⁸ × 2¹⁸ Jacobian (512 GiB) throws in both modes after the first pass")
  func jacobianBeyondTheMemory() throws {
    let x = try Tensor<Double>.zeros([1 << 18])
    let error = TensorError.cannotAllocate(shape: [1 << 18, 1 << 18], bytes: 549_755_813_888, limit: StorageLimit.bytes)
    #expect(throws: error) { try reverseJacobian(at: x) { $0 * 2 } }
    #expect(throws: error) { try forwardJacobian(at: x) { $0 * 2 } }
  }

  @Test("an empty [0, 2⁴⁰] tensor prints and reduces along 1; along 0 its 2⁴⁰ sums throw")
  func zeroSizedShapes() throws {
    let empty = try Tensor<Double>.zeros([0, 1 << 40])
    #expect(empty.description == "tensor([])")
    #expect(try empty.sum(dim: 1).shape == [0])
    let error = TensorError.cannotAllocate(shape: [1 << 40], bytes: eightTebibytes, limit: StorageLimit.bytes)
    #expect(throws: error) { try empty.sum(dim: 0) }
    #expect(throws: error) { try empty.mean(dim: 0) }
    #expect(throws: TensorError.cannotAllocate(shape: [1, 1 << 40], bytes: eightTebibytes, limit: StorageLimit.bytes)) {
      try empty.sum(dim: 0, keepdim: true)
    }
    #expect(throws: TensorError.emptyReduction(operation: "logsumexp")) { try empty.logsumexp(dim: 0) }
  }
}
