import Foundation
import Testing

/// Correct functions that the property search once found failing the check falsely, replayed
/// through the CLI. Each states the defect it found; the derivatives are right (GSL agrees to
/// 10⁻⁹ or better), so the check must pass.
@Suite("Property-search findings: correct functions the check once failed")
struct PropertySearchFindingsTests {
  private func json(_ arguments: String...) throws -> [String: Any] {
    let run = try DualADRunner.run(arguments + ["--json"])
    #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  /// s − softplus(s) at s ≈ 11.4 is −10⁻⁵, the difference of two numbers near 11: its round-off
  /// is 10⁻¹⁵, which GSL's estimate (ε·|f|) missed, so a step of 10⁻⁵ looked best and 3 entries
  /// failed with errors of 2·10⁻⁹, and one was a false kink.
  @Test("(sum(x) − softplus(sum(x)))·x: GSL's error estimate now includes f's round-off")
  func cancellationInTheValue() throws {
    let report = try json("check", "(sum(x) - softplus(sum(x))) * x", "--at", "x=[[2.8,2,1.7],[1.36,3,0.58]]")
    #expect(report["verdict"] as? String == "passed")
    let verdicts = (report["entries"] as? [[String: Any]])?.compactMap { $0["verdict"] as? String }
    #expect(verdicts?.count == 36 && verdicts?.allSatisfy { $0 == "pass" } == true, "\(verdicts ?? [])")
  }

  /// tan(…) with ‖J·u‖ ≈ 2: the Taylor test's noise estimate from differences (2⁻²⁹·‖J·u‖ at
  /// least) hid every residual below 4·10⁻⁸, so the fit kept only the two steps 2⁻⁹ and 2⁻¹⁰,
  /// where the third-order term still counts (slope 1.39). Its residuals fall by 4 per halving
  /// from 2⁻¹¹ to 2⁻²⁰.
  @Test("tan(atan2(3, z)^logsigmoid(z) + prod([z, z, z] + x)): the Taylor test fits slope 2")
  func taylorNoiseFloor() throws {
    let report = try json(
      "check", "tan(atan2(3, z) ^ logsigmoid(z) + prod([z, z, z] + x))",
      "--at", "x=[[0.88,1.21,-1.86],[-0.14,-1.09,-1.6]]", "--at", "z=1.76")
    #expect(report["verdict"] as? String == "passed")
    let taylor = try #require(report["taylor"] as? [String: Any])
    let slope = try #require((taylor["slope"] as? NSNumber)?.doubleValue)
    #expect(Swift.abs(slope - 2) < 0.1)
    let fitted = (taylor["residuals"] as? [[String: Any]])?.filter { $0["fitted"] as? Bool == true }.count ?? 0
    #expect(fitted == 9)
  }
}
