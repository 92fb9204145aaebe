import ArgumentParser
import DualADExpressions
import Foundation

/// `dual-ad`: differentiate an expression in forward, reverse and numeric mode, side by side.
///
/// Exit codes: 0 success; 1 when `check` or `--mode all` finds a disagreement; 2 on bad input,
/// with one line on standard error and nothing on standard output.
@main
struct DualADCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dual-ad",
    abstract: "Compare forward, reverse and numeric differentiation of an expression.",
    discussion: """
      Expressions: numbers, variables, + - * / ^ (-x^2 is -(x^2)), [a, b] lists, and
      \(wrapped(Expression.functionNames.elementwise)),
      \(Expression.functionNames.pairwise.joined(separator: " ")), \
      \(Expression.functionNames.reductionsAndProducts.joined(separator: " ")).
      Exit codes: 0 success, 1 modes disagree, 2 bad input.
      """,
    subcommands: [JacobianCommand.self, GradientCommand.self, VJPCommand.self, JVPCommand.self, HessianCommand.self, CheckCommand.self])

  /// Names joined by spaces, on lines of at most 90 characters (the built-ins come from the rule table).
  private static func wrapped(_ names: [String]) -> String {
    var lines: [String] = [""]
    for name in names {
      if let last = lines.last, !last.isEmpty, last.count + 1 + name.count > 90 { lines.append("") }
      lines[lines.count - 1] += (lines[lines.count - 1].isEmpty ? "" : " ") + name
    }
    return lines.joined(separator: "\n")
  }

  static func main() {
    let command: ParsableCommand
    do {
      command = try parseAsRoot(argumentsAllowingLeadingMinus())
    } catch {
      exitForArgumentParser(error)
    }
    do {
      var command = command
      try command.run()
    } catch let failure as CommandFailure {
      fail(failure.message, code: failure.exitCode)
    } catch {
      exitForArgumentParser(error)
    }
    Foundation.exit(0)
  }

  /// ArgumentParser's own outcomes: help and version "fail" with exit code 0 and are printed
  /// whole; anything else is bad input, one line on stderr and exit 2.
  static func exitForArgumentParser(_ error: any Error) -> Never {
    if exitCode(for: error) == .success {
      print(fullMessage(for: error))
      Foundation.exit(0)
    }
    fail(firstLine(of: fullMessage(for: error)), code: 2)
  }

  /// ArgumentParser's messages start with "Error: " and go on with usage lines; keep one line.
  private static func firstLine(of message: String) -> String {
    var line = message.split(separator: "\n").first.map(String.init) ?? message
    if line.hasPrefix("Error: ") { line.removeFirst(7) }
    if line.hasSuffix(".") { line.removeLast() }
    return line + "; see dual-ad --help"
  }

  /// An expression right after the subcommand may start with a minus ('-x^2'): a leading space
  /// keeps it from being read as an option, and the expression language ignores it.
  private static func argumentsAllowingLeadingMinus() -> [String] {
    var arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.count > 1, arguments[1].count > 1, arguments[1].hasPrefix("-"),
      !arguments[1].hasPrefix("--"), arguments[1] != "-h"
    {
      arguments[1] = " " + arguments[1]
    }
    return arguments
  }

  private static func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    Foundation.exit(code)
  }
}
