import CGSL

/// GSL's default error handler calls `abort()`; a gradient checker must report, not crash.
enum GSLErrorHandler {
  /// A static `let` is initialised exactly once, atomically, on first use: a thread-safe "once".
  private static let disabled: Void = { _ = gsl_set_error_handler_off() }()

  /// Makes sure the handler is off before any GSL call. Cheap after the first call.
  static func ensureOff() { _ = disabled }
}
