/// Why a command stopped: bad input (exit 2) or a disagreement between modes (exit 1).
/// The message is one line, printed on standard error.
enum CommandFailure: Error {
  case badInput(String)
  case disagreement(String)

  var exitCode: Int32 {
    switch self {
    case .badInput: return 2
    case .disagreement: return 1
    }
  }

  var message: String {
    switch self {
    case .badInput(let m), .disagreement(let m): return m
    }
  }
}
