import DualAD

// PyTorch's names for the nodes of each primitive, so that printed graphs read the same.

extension UnaryPrimitive {
  /// The `gradFn` name of a tensor made by this primitive, as PyTorch prints it.
  public var backwardName: String {
    switch self {
    case .negate: return "NegBackward0"
    case .exp: return "ExpBackward0"
    case .expm1: return "Expm1Backward0"
    case .exp2: return "Exp2Backward0"
    case .exp10: return "Exp10Backward0"
    case .log: return "LogBackward0"
    case .log1p: return "Log1PBackward0"
    case .log2: return "Log2Backward0"
    case .log10: return "Log10Backward0"
    case .sqrt: return "SqrtBackward0"
    case .cbrt: return "CbrtBackward0"
    case .power: return "PowBackward0"
    case .root: return "RootBackward0"
    case .sin: return "SinBackward0"
    case .cos: return "CosBackward0"
    case .tan: return "TanBackward0"
    case .asin: return "AsinBackward0"
    case .acos: return "AcosBackward0"
    case .atan: return "AtanBackward0"
    case .sinh: return "SinhBackward0"
    case .cosh: return "CoshBackward0"
    case .tanh: return "TanhBackward0"
    case .asinh: return "AsinhBackward0"
    case .acosh: return "AcoshBackward0"
    case .atanh: return "AtanhBackward0"
    case .erf: return "ErfBackward0"
    case .erfc: return "ErfcBackward0"
    case .gamma: return "GammaBackward0"
    case .logGamma: return "LgammaBackward0"
    case .polygamma: return "PolygammaBackward0"
    case .abs: return "AbsBackward0"
    case .sigmoid: return "SigmoidBackward0"
    case .softplus: return "SoftplusBackward0"
    case .relu: return "ReluBackward0"
    }
  }
}

extension BinaryPrimitive {
  /// The `gradFn` name of a tensor made by this primitive, as PyTorch prints it. PyTorch names
  /// `x ** scalar` `PowBackward0` and `x ** tensor` `PowBackward1`.
  public func backwardName(tensorExponent: Bool = true) -> String {
    switch self {
    case .add: return "AddBackward0"
    case .subtract: return "SubBackward0"
    case .multiply: return "MulBackward0"
    case .divide: return "DivBackward0"
    case .pow: return tensorExponent ? "PowBackward1" : "PowBackward0"
    case .atan2: return "Atan2Backward0"
    case .hypot: return "HypotBackward0"
    case .minimum: return "MinimumBackward0"
    case .maximum: return "MaximumBackward0"
    }
  }
}
