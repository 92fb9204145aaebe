import Foundation

/// Runs the built `dual-ad` executable and captures what it prints.
struct DualADRunner {
  struct Run {
    let stdout: String
    let stderr: String
    let exitCode: Int32
  }

  /// The executable next to the test bundle (the build products directory).
  static let executable: URL? = {
    var candidates: [URL] = []
    let argv0 = URL(fileURLWithPath: CommandLine.arguments[0])
    candidates.append(argv0.deletingLastPathComponent().appendingPathComponent("dual-ad"))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dual-ad"))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("dual-ad"))
    // A package-relative fallback: <package>/.build/debug/dual-ad.
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(package.appendingPathComponent(".build/debug/dual-ad"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  static func run(_ arguments: [String], standardInput: Data? = nil) throws -> Run {
    guard let executable else { throw RunnerError.executableNotFound }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    if standardInput != nil { process.standardInput = input }
    try process.run()
    if let standardInput {
      // Written from another thread, so that a child that prints before reading cannot block us.
      let handle = input.fileHandleForWriting
      Thread.detachNewThread {
        handle.write(standardInput)
        try? handle.close()
      }
    }
    // Read before waiting, so that a full pipe cannot block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
      exitCode: process.terminationStatus)
  }

  enum RunnerError: Error { case executableNotFound }
}
