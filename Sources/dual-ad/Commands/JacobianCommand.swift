import ArgumentParser

struct JacobianCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jacobian",
    abstract: "The Jacobian: rows are the outputs, columns the inputs flattened in --at order.",
    discussion: "Example: dual-ad jacobian 'z' --at z=-1,-0.5,0,0.5,1   (the 5×5 identity from every mode)")

  @OptionGroup var options: CommonOptions

  func run() throws {
    try runSubcommand(options, .jacobian) { (d, mode) throws(CommandFailure) in try d.jacobian(mode) }
  }
}
