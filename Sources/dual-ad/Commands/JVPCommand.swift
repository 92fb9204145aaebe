import ArgumentParser

struct JVPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jvp",
    abstract: "The Jacobian-vector product J·t: the directional derivative along t.",
    discussion: "Example: dual-ad jvp 'x*x' --at x=1,16 --tangent 1,0   (2, 0)")

  @OptionGroup var options: CommonOptions

  @Option(parsing: .unconditional, help: ArgumentHelp("The tangent t: one number per input, comma-separated.", valueName: "t"))
  var tangent: String

  func run() throws {
    let t = try parseVector(tangent, name: "tangent")
    try runSubcommand(options, .jvp) { (d, mode) throws(CommandFailure) in try d.jvp(mode, tangent: t) }
  }
}
