import Testing

/// Property 6 on the engine that exists today: a direct walk of each random tree on the tape,
/// against the compiled expression's VJP. The tensor API's engine joins it through the same
/// seam (``TensorBackwardEngine``).
@Test func treeWalkOnTheTapeEqualsTheCompiledVJP() async {
  await checkTensorBackward { TapeTreeEngine() }
}
