import ArgumentParser
import DualADExpressions

/// The expression, its inputs and the output options that every subcommand takes.
struct CommonOptions: ParsableArguments {
  @Argument(help: CommonOptions.expressionHelp)
  var expression: String

  @Option(name: .customLong("at"), parsing: .unconditionalSingleValue, help: CommonOptions.atHelp)
  var at: [String] = []

  @Option(help: "forward, reverse, numeric (GSL), or all: the modes side by side with their largest difference.")
  var mode: ModeOption = .all

  @Flag(help: CommonOptions.jsonHelp)
  var json = false

  static let expressionHelp = ArgumentHelp(
    "The expression, e.g. 'sum((w*x+b-y)^2)'. Quote it; start it with a space if it starts with '-'.")
  static let atHelp = ArgumentHelp(
    "An input NAME=VALUE: a number (x=2), a vector (x=1,2,3) or a matrix (w=[[1,2],[3,4]]); NAME=@PATH reads the value from a file (a JSON array, nested arrays, or numbers separated by commas or whitespace), NAME=@- from standard input. Repeat it for each variable; the order of the --at options is the order of the inputs.",
    valueName: "name=value")
  static let jsonHelp = ArgumentHelp("Print one JSON object instead of text.")

  /// The expression compiled for the `--at` inputs, and the point: the inputs flattened in order.
  func problem() throws(CommandFailure) -> Problem {
    try Problem(expression: expression, at: at)
  }
}

extension Problem {
  /// Compiles `expression` for the `--at` bindings; the point is their values flattened in order.
  init(expression: String, at: [String]) throws(CommandFailure) {
    do {
      let expression = try Expression(expression)
      var inputs: [Input] = []
      for binding in at { inputs.append(try InputFile.input(parsing: binding) ?? Input(parsing: binding)) }
      let function = try expression.compiled(for: inputs)
      self.init(function: function, point: inputs.flatMap(\.values))
    } catch let failure as CommandFailure {
      throw failure
    } catch let error as ExpressionError {
      throw .badInput(error.message)
    } catch {
      throw .badInput("\(error)")
    }
  }
}

/// What a subcommand differentiates: the compiled expression and the point.
struct Problem {
  let function: CompiledExpression
  let point: [Double]
}
