// The set-up every reverse-mode operator shares.

/// Runs `body` on a fresh tape sized for `x`, with `x` recorded as its inputs. The tape lives
/// until `body` returns, so its sweeps never meet a finished tape.
@inlinable
func recording<V: ADScalar, Result>(
  _ x: [V], _ body: (Tape<V>, [Variable<V>]) throws(DifferentiationError) -> Result
) throws(DifferentiationError) -> Result {
  let tape = Tape<V>(reservingCapacity: Tape<V>.suggestedCapacity(forInputs: max(x.count, 1)))
  return try withExtendedLifetime(tape) { () throws(DifferentiationError) -> Result in
    try body(tape, tape.variables(x))
  }
}
