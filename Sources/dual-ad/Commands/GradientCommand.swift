import ArgumentParser

struct GradientCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradient",
    abstract: "The gradient of a scalar expression with respect to every input.",
    discussion: "Example: dual-ad gradient 'sum((w*x+b-y)^2)' --at w=1 --at b=0 --at x=1,2 --at y=5,7")

  @OptionGroup var options: CommonOptions

  func run() throws {
    try runSubcommand(options, .gradient) { (d, mode) throws(CommandFailure) in try d.gradient(mode) }
  }
}
