/// The Levenshtein distance between two names: insertions, deletions and substitutions.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
/// Ties go to the earlier candidate, so list common names first.
func closestName(to name: String, among candidates: [String]) -> String? {
  let limit = max(1, name.count / 3)
  var best: (name: String, distance: Int)?
  for candidate in candidates where candidate != name {
    let d = editDistance(name.lowercased(), candidate.lowercased())
    if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
  }
  return best?.name
}
