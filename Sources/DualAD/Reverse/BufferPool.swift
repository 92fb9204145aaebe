import Synchronization

/// Recycles the large buffers of finished tapes and sweeps.
///
/// A gradient call on n = 100 000 needs some 20 MB of nodes and adjoints. Fresh memory from the
/// system costs a page fault per 4 KiB on first touch, which measured here as long as the
/// recording itself; a released buffer is already mapped. The pool is bounded (a few buffers,
/// none over 256 MiB), so memory does not grow with the number of calls, and shared by all
/// threads behind one lock taken twice per call.
@usableFromInline
enum BufferPool {
  struct Block: @unchecked Sendable {  // owned by the pool alone while stored in it
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int
  }

  static let alignment = 64
  static let maximumBlocks = 8
  static let maximumBlockSize = 256 << 20
  static let blocks = Mutex<[Block]>([])

  /// Uninitialized memory for `count` values of type T; `capacity` may exceed `count`.
  @usableFromInline
  static func allocate<T>(_ type: T.Type, count: Int) -> (pointer: UnsafeMutablePointer<T>, capacity: Int) {
    let needed = Swift.max(count, 1) * MemoryLayout<T>.stride
    let reused: Block? = blocks.withLock { blocks in
      // The smallest block that fits, so that small requests do not take the large blocks. A
      // plain loop: this runs twice per gradient call, and a filtered copy would allocate.
      var best = -1
      for j in blocks.indices where blocks[j].byteCount >= needed {
        if best < 0 || blocks[j].byteCount < blocks[best].byteCount { best = j }
      }
      return best < 0 ? nil : blocks.swapRemove(at: best)
    }
    let block = reused ?? Block(
      pointer: .allocate(byteCount: needed, alignment: Swift.max(alignment, MemoryLayout<T>.alignment)),
      byteCount: needed)
    let capacity = block.byteCount / MemoryLayout<T>.stride
    return (block.pointer.bindMemory(to: T.self, capacity: capacity), capacity)
  }

  /// Returns memory from ``allocate(_:count:)``; its values must be deinitialized already.
  @usableFromInline
  static func release<T>(_ pointer: UnsafeMutablePointer<T>, capacity: Int) {
    let block = Block(pointer: UnsafeMutableRawPointer(pointer), byteCount: capacity * MemoryLayout<T>.stride)
    let kept = block.byteCount <= maximumBlockSize && blocks.withLock { blocks in
      guard blocks.count < maximumBlocks else {
        // Keep the larger blocks: they are the expensive ones to map again.
        guard let smallest = blocks.indices.min(by: { blocks[$0].byteCount < blocks[$1].byteCount }),
              blocks[smallest].byteCount < block.byteCount else { return false }
        blocks[smallest].pointer.deallocate()
        blocks[smallest] = block
        return true
      }
      blocks.append(block)
      return true
    }
    if !kept { block.pointer.deallocate() }
  }
}

extension Array {
  /// Removes and returns the element at `index`, moving the last element into its place: O(1),
  /// for the pool, whose order does not matter.
  fileprivate mutating func swapRemove(at index: Int) -> Element {
    swapAt(index, count - 1)
    return removeLast()
  }
}
