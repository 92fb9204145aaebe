import DualADExpressions
import Foundation

/// Estimates how long a check or a Hessian will take, from the measured time of one
/// evaluation, and refuses the O(n²) paths beyond ``limit`` seconds unless forced.
///
/// Counts per input (see GradientCheck's `numericalJacobian`): GSL's central and one-sided
/// differences take up to about 100 evaluations of f per column of a check, and up to 32 of
/// the gradient per column of a numeric Hessian; forward-over-forward makes n(n+1)/2 passes.
struct CostGuard {
  /// The longest estimated run, in seconds, that starts without --force.
  static let limit = 30.0

  /// Seconds for one evaluation of f and of its reverse-mode gradient at x (the faster of 3).
  let evaluation: Double
  let gradient: Double
  let n: Int
  let m: Int

  init(_ f: CompiledExpression, at x: [Double], measureGradient: Bool) {
    evaluation = Self.fastest { _ = f.evaluate(x) }
    gradient = measureGradient ? Self.fastest { _ = try? f.gradient(at: x) } : 0
    n = x.count
    m = f.outputCount
  }

  private static func fastest(_ body: () -> Void) -> Double {
    (0..<3).map { _ in
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }.min() ?? 0
  }

  /// A full check: about 100 evaluations per input, one JVP per input, one VJP per output.
  var fullCheck: Double { evaluation * (100 * Double(n) + 3 * Double(n) + 5 * Double(m) + 80) }

  /// A fast check with k pairs: per pair about 60 evaluations (GSL with one-sided rules), a JVP and a VJP.
  func fastCheck(directions k: Int) -> Double { evaluation * (Double(k) * 70 + 80) }

  /// The Hessian modes of `dual-ad hessian`.
  func hessian(_ modes: [Mode]) -> Double {
    let n = Double(self.n)
    return modes.reduce(0) { total, mode in
      switch mode {
      case .numeric: return total + 32 * n * gradient
      case .forwardOverForward: return total + 4 * n * (n + 1) / 2 * evaluation
      case .forwardOverReverse: return total + 3 * (n / 8).rounded(.up) * gradient
      default: return total
      }
    }
  }

  /// Throws the refusal when `seconds` is beyond the limit and the run is not forced.
  static func check(_ seconds: Double, what: String, advice: String, force: Bool) throws(CommandFailure) {
    guard !force, seconds > limit else { return }
    throw .badInput(
      "\(what) would take about \(Self.duration(seconds)) (the limit is \(Int(limit)) s); \(advice), or pass --force to run it anyway")
  }

  static func duration(_ seconds: Double) -> String {
    seconds < 120 ? String(format: "%.0f s", seconds) : seconds < 7200 ? String(format: "%.0f min", seconds / 60) : String(format: "%.1f h", seconds / 3600)
  }
}
