/// The automatic-differentiation modes a check compares against GSL.
public struct DifferentiationModes: OptionSet, Sendable, Hashable, Codable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Forward mode: the Jacobian column by column from Dual numbers.
  public static let forward = DifferentiationModes(rawValue: 1)
  /// Reverse mode: the Jacobian row by row from tape sweeps.
  public static let reverse = DifferentiationModes(rawValue: 2)
  /// Both, plus the adjoint identity ⟨u, vjp(v)⟩ = ⟨jvp(u), v⟩ that ties them together.
  public static let both: DifferentiationModes = [.forward, .reverse]

  var names: String {
    [contains(.forward) ? "forward" : nil, contains(.reverse) ? "reverse" : nil]
      .compactMap { $0 }.joined(separator: "+")
  }
}
