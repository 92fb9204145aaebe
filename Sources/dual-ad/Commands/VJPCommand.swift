import ArgumentParser

struct VJPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vjp",
    abstract: "The vector-Jacobian product vᵀJ: PyTorch's y.backward(v).",
    discussion: "Example: dual-ad vjp 'x*x' --at x=1,5,6,10,16 --cotangent 1,0.1,0.1,0.5,0.1   (2, 1, 1.2, 10, 3.2)")

  @OptionGroup var options: CommonOptions

  @Option(parsing: .unconditional, help: ArgumentHelp("The cotangent v: one number per output, comma-separated.", valueName: "v"))
  var cotangent: String

  func run() throws {
    let v = try parseVector(cotangent, name: "cotangent")
    try runSubcommand(options, .vjp) { (d, mode) throws(CommandFailure) in try d.vjp(mode, cotangent: v) }
  }
}
