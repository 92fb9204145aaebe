import Testing

/// Property 6 on the engine that exists today: a direct walk of each random tree on the tape,
/// against the compiled expression's VJP. The tensor API's engine joins it through the same
/// seam (``TensorBackwardEngine``).
@Test func treeWalkOnTheTapeEqualsTheCompiledVJP() async {
  await checkTensorBackward { TapeTreeEngine() }
}

/// Property 6: the tensor API's `backward(gradient:)` equals the scalar core's VJP.
@Test func tensorBackwardEqualsScalarVJP() async {
  await checkTensorBackward { TensorEngine() }
}
