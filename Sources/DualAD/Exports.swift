// Generic code over ADScalar uses swift-numerics' vocabulary (`.exp(x)`, `/` from AlgebraicField),
// so importing DualAD brings RealModule along.
@_exported import RealModule
