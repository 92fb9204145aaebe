import DualAD

extension Array where Element: ADScalar {
  /// An array of `count` elements for a kernel to write, every one of them, before any is read.
  ///
  /// For a trivial element type (Double, Float) the memory is left as it is, not zeroed: the
  /// zero-fill of kernel outputs cost 29 % of the instructions of a tensor GMM (64, 10) gradient.
  /// A large array is an ended tensor's when ``ReleasedArrays`` kept one of this length.
  ///
  /// Invariant: the caller assigns every index in 0..<count before the array is read or returned.
  /// Debug builds, which every test runs, fill the memory with NaN instead, so an element a
  /// kernel misses shows as NaN against the tests' references; a type that is not trivial is
  /// always filled.
  @inline(__always)
  init(toBeWrittenCount count: Int) {
    if let released = ReleasedArrays.take(Element.self, count: count) {
      self = released
      #if DEBUG
        for k in indices { self[k] = Element(Element.Primal.nan) }
      #endif
      return
    }
    #if DEBUG
      self.init(repeating: Element(Element.Primal.nan), count: count)
    #else
      if _isPOD(Element.self) {
        self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
      } else {
        self.init(repeating: Element(Element.Primal.nan), count: count)
      }
    #endif
  }
}
