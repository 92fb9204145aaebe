import Foundation
import Testing
import DualAD

/// The rule table is the registry: every primitive carries a name, PyTorch's node name and a
/// domain with representative points. These tests fail when a case lacks one of them.
@Suite("Registry")
struct RegistryTests {
  /// The primitives reached from Swift only: written with an integer the language cannot pass.
  static func isSwiftOnly(_ rule: UnaryPrimitive) -> Bool {
    switch rule {
    case .root: return true
    case .polygamma(let n): return n != 0
    default: return false
    }
  }

  @Test("every unary primitive has a name, a node name and a checked domain", arguments: UnaryPrimitive.allCases)
  func unaryEntry(_ rule: UnaryPrimitive) throws {
    let entry = rule.entry
    #expect(entry.label != nil || Self.isSwiftOnly(rule), "\(rule) has no name in the expression language")
    #expect(entry.backwardName.hasSuffix("Backward0"), "\(rule): \(entry.backwardName)")
    let checked = try #require(entry.domain.checked, "\(rule) has no checked domain")
    #expect(checked.lowerBound < checked.upperBound)
    #expect(!entry.domain.points.isEmpty)
    for x in entry.domain.points {
      #expect(checked.contains(x), "\(rule): point \(x) outside \(checked)")
      #expect(entry.domain.kinks.allSatisfy { Swift.abs(x - $0) >= 0.1 }, "\(rule): point \(x) at a kink")
      let (value, partial) = rule.evaluate(x)
      #expect(value.isFinite && partial.isFinite, "\(rule) at \(x): \(value), \(partial)")
    }
  }

  @Test("every binary primitive has a name, a node name and a checked domain", arguments: BinaryPrimitive.allCases)
  func binaryEntry(_ rule: BinaryPrimitive) {
    let entry = rule.entry
    #expect(entry.label != nil, "\(rule) has no name in the expression language")
    #expect(entry.backwardName.hasSuffix("Backward0") || entry.backwardName.hasSuffix("Backward1"))
    let domain = entry.domain
    #expect(domain.x.lowerBound < domain.x.upperBound && domain.y.lowerBound < domain.y.upperBound)
    let (x, y) = domain.point
    #expect(domain.kinks.allSatisfy { $0.distance(x, y) >= 0.1 }, "\(rule): point (\(x), \(y)) at a kink")
    let (value, dx, dy) = rule.evaluate(x, y)
    #expect(value.isFinite && dx.isFinite && dy.isFinite, "\(rule) at (\(x), \(y))")
  }

  @Test("names are unique and are identifiers")
  func uniqueNames() {
    let names = UnaryPrimitive.allCases.compactMap(\.functionName) + BinaryPrimitive.allCases.compactMap(\.functionName)
    #expect(Set(names).count == names.count, "\(names)")
    for name in names {
      #expect(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && name.first?.isLetter == true, "\(name)")
    }
    let unaryNodes = Set(UnaryPrimitive.allCases.map(\.backwardName))
    #expect(unaryNodes.contains("LogSigmoidBackward0") && unaryNodes.contains("LogitBackward0"))
  }

  /// `allCases` is written by hand (cases with an integer need representatives): every case the
  /// enums declare must appear in it.
  @Test("allCases lists every declared case")
  func allCasesIsComplete() throws {
    let unaryDeclared = try Self.declaredCases(of: "UnaryPrimitive")
    let unaryListed = Set(UnaryPrimitive.allCases.map(Self.caseName))
    #expect(unaryDeclared.count >= 36)  // the parse found the declarations
    #expect(Set(unaryDeclared) == unaryListed, "missing from allCases: \(Set(unaryDeclared).subtracting(unaryListed))")
    let binaryDeclared = try Self.declaredCases(of: "BinaryPrimitive")
    #expect(Set(binaryDeclared) == Set(BinaryPrimitive.allCases.map(Self.caseName)))
  }

  /// The case's name without its integer: `power` for `.power(3)`.
  static func caseName<T>(_ value: T) -> String {
    String(String(describing: value).prefix { $0 != "(" })
  }

  /// The names after `case` in the enum's declaration, read from its source file.
  static func declaredCases(of type: String) throws -> [String] {
    let source = try sourceFile("Sources/DualAD/Rules/\(type).swift")
    guard let start = source.range(of: "public enum \(type)"), let end = source.range(of: "public static let allCases", range: start.upperBound..<source.endIndex)
      ?? source.range(of: "/// The value f(x", range: start.upperBound..<source.endIndex)
    else { return [] }
    var names: [String] = []
    for line in source[start.upperBound..<end.lowerBound].split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      guard text.hasPrefix("case ") else { continue }
      for item in text.dropFirst(5).split(separator: ",") {
        let name = item.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0.isNumber }
        if !name.isEmpty { names.append(String(name)) }
      }
    }
    return names
  }
}

/// A file of the package, read relative to this test file.
func sourceFile(_ path: String) throws -> String {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
}
