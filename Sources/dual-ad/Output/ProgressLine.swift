import Foundation

/// A line on standard error that shows how long a long computation has run, against its
/// estimate, rewritten in place every half second; only when standard error is a terminal, so
/// that scripts and pipes see nothing. It is erased when the computation ends.
final class ProgressLine {
  private let timer: DispatchSourceTimer?

  /// Starts the line when `estimate` (seconds) is above a second and stderr is a terminal.
  init(_ label: String, estimate: Double) {
    guard estimate > 1, isatty(STDERR_FILENO) != 0 else {
      timer = nil
      return
    }
    let start = Date()
    let timer = DispatchSource.makeTimerSource(queue: .global())
    timer.schedule(deadline: .now(), repeating: .milliseconds(500))
    timer.setEventHandler {
      let elapsed = Date().timeIntervalSince(start)
      let line = String(format: "\r%@: %.0f s of about %.0f s…", label, elapsed, estimate)
      FileHandle.standardError.write(Data(line.utf8))
    }
    timer.resume()
    self.timer = timer
  }

  /// Stops the line and erases it.
  func finish() {
    guard let timer else { return }
    timer.cancel()
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}
