import GradientCheck

/// The JSON contract of `dual-ad check` (documented in the README):
/// mode, shape, value; for a full check the Jacobian of each mode and max_difference; then
/// verdict, passed, failures, entries, directions (fast mode), taylor and determinism.
extension CheckOutcome {
  func json(problem: Problem) -> String {
    let f = problem.function
    var object = JSONObject()
    object.add("mode", "check")
    object.add("shape", integers: f.outputShape.dimensions)
    object.add("value", numbers: report.value)
    if report.directions == nil {
      let rows = report.outputCount, columns = report.inputCount
      func matrix(_ pick: (GradientCheckEntry) -> Double?) -> [[Double]] {
        var m = Array(repeating: Array(repeating: Double.nan, count: columns), count: rows)
        for e in report.entries where e.output < rows && e.input < columns { m[e.output][e.input] = pick(e) ?? .nan }
        return m
      }
      var modes = JSONObject()
      for (name, pick) in [("forward", { (e: GradientCheckEntry) in e.forward }), ("reverse", { $0.reverse }), ("numeric", { $0.numerical })]
      where name == "numeric" || report.modes.contains(name == "forward" ? .forward : .reverse) {
        var entry = JSONObject()
        entry.add("jacobian", rows: matrix(pick))
        modes.add(name, raw: entry.json)
      }
      object.add("modes", raw: modes.json)
      object.add("max_difference", number: Swift.max(report.maxModeDifference, report.maxAbsoluteError))
    }
    object.add("verdict", report.verdict.rawValue)
    object.add("passed", raw: report.passed ? "true" : "false")
    object.add("failures", raw: "[" + report.failures.map { JSONObject.string($0) }.joined(separator: ",") + "]")
    object.add("entries", raw: "[" + report.entries.map(Self.entry).joined(separator: ",") + "]")
    if let directions = report.directions {
      object.add("directions", raw: "[" + directions.map(Self.direction).joined(separator: ",") + "]")
    }
    if let taylor = report.taylor {
      var t = JSONObject()
      t.add("slope", raw: taylor.slope.map(NumberFormat.json) ?? "null")
      t.add("passed", raw: taylor.passed ? "true" : "false")
      t.add("residuals", raw: "[" + taylor.residuals.map { r in
        var o = JSONObject()
        o.add("h", number: r.step)
        o.add("r", number: r.residual)
        o.add("fitted", raw: r.fitted ? "true" : "false")
        return o.json
      }.joined(separator: ",") + "]")
      object.add("taylor", raw: t.json)
    }
    if let d = report.determinism {
      var o = JSONObject()
      o.add("passed", raw: d.passed ? "true" : "false")
      o.add("output", raw: String(d.output))
      o.add("values", numbers: [d.first[d.output], d.other[d.output]])
      o.add("difference", number: d.difference)
      o.add("allowed", number: d.allowed)
      object.add("determinism", raw: o.json)
    }
    return object.json
  }

  private static func entry(_ e: GradientCheckEntry) -> String {
    var o = JSONObject()
    o.add("output", raw: String(e.output))
    o.add("input", raw: String(e.input))
    if let forward = e.forward { o.add("forward", number: forward) }
    if let reverse = e.reverse { o.add("reverse", number: reverse) }
    o.add("numeric", number: e.numerical)
    o.add("abserr", number: e.abserr)
    o.add("absolute_error", number: e.absoluteError)
    o.add("relative_error", number: e.relativeError)
    o.add("allowed_error", number: e.allowedError)
    o.add("verdict", e.verdict.rawValue)
    if let sides = e.oneSided { o.add("one_sided", numbers: [sides.left, sides.right]) }
    return o.json
  }

  private static func direction(_ d: DirectionCheck) -> String {
    var o = JSONObject()
    if let forward = d.forward { o.add("forward", number: forward) }
    if let reverse = d.reverse { o.add("reverse", number: reverse) }
    o.add("numeric", number: d.numerical)
    o.add("abserr", number: d.abserr)
    o.add("verdict", d.verdict.rawValue)
    if let sides = d.oneSided { o.add("one_sided", numbers: [sides.left, sides.right]) }
    return o.json
  }
}
