import DualAD

// PyTorch's names for the nodes of the binary primitives: the table's name, except for a power
// with a constant exponent, which PyTorch names as the unary power (the unary names are the
// table's `UnaryPrimitive.backwardName`).

extension BinaryPrimitive {
  /// The `gradFn` name of a tensor made by this primitive, as PyTorch prints it. PyTorch names
  /// `x ** scalar` `PowBackward0` and `x ** tensor` `PowBackward1`.
  public func backwardName(tensorExponent: Bool = true) -> String {
    if self == .pow, !tensorExponent { return UnaryPrimitive.power(2).backwardName }
    return entry.backwardName
  }
}
