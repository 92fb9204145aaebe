import Foundation
import Testing

/// The command's function names and help come from the rule table: primitives added there are
/// called by name and listed in `--help` without an edit in the command.
@Suite("dual-ad: names from the rule table")
struct RegistryCommandTests {
  @Test func helpListsThePrimitivesOfTheTable() throws {
    let help = try DualADRunner.run(["--help"])
    #expect(help.exitCode == 0)
    for name in ["lgamma", "digamma", "logsigmoid", "logit", "hypot", "xlogy", "bce_with_logits"] {
      #expect(help.stdout.contains(name), "\(name) missing from --help")
    }
  }

  /// ∂/∂x x·log y = log y, ∂/∂y = x/y at (2, 4): log 4 = 1.38629436111989…, 0.5.
  @Test func xlogyDifferentiatesInEveryMode() throws {
    let r = try DualADRunner.run(["gradient", "xlogy(x, y)", "--at", "x=2", "--at", "y=4", "--mode", "reverse"])
    #expect(r.exitCode == 0, "\(r.stderr)")
    #expect(r.stdout == "1.38629436111989, 0.5\n")  // 15 significant digits
    let all = try DualADRunner.run(["gradient", "logsigmoid(x) + logit(y)", "--at", "x=-800", "--at", "y=0.5"])
    #expect(all.exitCode == 0, "\(all.stdout)\(all.stderr)")
  }
}
