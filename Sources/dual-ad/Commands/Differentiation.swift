import DualAD
import DualADExpressions

/// Runs a problem in the requested modes and compares them.
struct Differentiation {
  let problem: Problem
  let modes: [Mode]

  private var f: CompiledExpression { problem.function }
  private var x: [Double] { problem.point }

  /// f(x), flattened.
  var value: [Double] { f.evaluate(x) }

  func jacobian(_ mode: Mode) throws(CommandFailure) -> ModeResult {
    switch mode {
    case .forward: return ModeResult(mode: mode, rows: try core { () throws(DifferentiationError) in try f.jacobian(at: x, mode: .forward) }, errors: nil)
    case .reverse: return ModeResult(mode: mode, rows: try core { () throws(DifferentiationError) in try f.jacobian(at: x, mode: .reverse) }, errors: nil)
    case .numeric:
      let estimate = try numericBackend.jacobian(of: f, at: x)
      return ModeResult(mode: mode, rows: estimate.values, errors: estimate.errors)
    case .forwardOverReverse, .forwardOverForward:
      throw .badInput("\(mode.rawValue) computes Hessians; use it with dual-ad hessian")
    }
  }

  /// ∇f for a scalar f: reverse mode by one sweep, the others as the Jacobian's only row.
  func gradient(_ mode: Mode) throws(CommandFailure) -> ModeResult {
    guard f.outputCount == 1 else {
      throw .badInput("grad can be implicitly created only for scalar outputs; use vjp or jacobian")
    }
    if mode == .reverse {
      return ModeResult(mode: mode, rows: [try core { () throws(DifferentiationError) in try f.gradient(at: x) }], errors: nil)
    }
    let j = try jacobian(mode)
    return ModeResult(mode: mode, rows: [j.rows.first ?? []], errors: j.errors.map { [$0.first ?? []] })
  }

  /// vᵀJ: reverse mode by one sweep, the others as vᵀ times their Jacobian.
  func vjp(_ mode: Mode, cotangent v: [Double]) throws(CommandFailure) -> ModeResult {
    guard v.count == f.outputCount else {
      throw .badInput(DifferentiationError.cotangentLengthMismatch(expected: f.outputCount, got: v.count).description)
    }
    if mode == .reverse {
      return ModeResult(mode: mode, rows: [try core { () throws(DifferentiationError) in try f.vjp(at: x, cotangent: v).vjp }], errors: nil)
    }
    let j = try jacobian(mode)
    let product = (0..<x.count).map { c in zip(v, j.rows).reduce(0.0) { $0 + $1.0 * $1.1[c] } }
    let errors = j.errors.map { e in [(0..<x.count).map { c in zip(v, e).reduce(0.0) { $0 + Swift.abs($1.0) * $1.1[c] } }] }
    return ModeResult(mode: mode, rows: [product], errors: errors)
  }

  /// J·t: forward mode by one pass, the others as their Jacobian times t.
  func jvp(_ mode: Mode, tangent t: [Double]) throws(CommandFailure) -> ModeResult {
    guard t.count == x.count else {
      throw .badInput(DifferentiationError.tangentLengthMismatch(expected: x.count, got: t.count).description)
    }
    if mode == .forward {
      return ModeResult(mode: mode, rows: [try core { () throws(DifferentiationError) in try f.jvp(at: x, tangent: t).jvp }], errors: nil)
    }
    let j = try jacobian(mode)
    let product = j.rows.map { row in zip(row, t).reduce(0.0) { $0 + $1.0 * $1.1 } }
    let errors = j.errors.map { e in [e.map { row in zip(row, t).reduce(0.0) { $0 + $1.0 * Swift.abs($1.1) } }] }
    return ModeResult(mode: mode, rows: [product], errors: errors)
  }

  /// A core operator's error is the user's input (an empty point, a wrong length).
  private func core<R>(_ body: () throws(DifferentiationError) -> R) throws(CommandFailure) -> R {
    do { return try body() } catch { throw .badInput(error.description) }
  }
}
