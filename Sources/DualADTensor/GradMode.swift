import DualAD

/// Whether operations record autograd nodes. A task-local value: a `noGrad` scope in one
/// task does not affect code running at the same time in another task.
enum GradMode {
  @TaskLocal static var isEnabled = true
}

/// Runs `body` with gradient recording off (PyTorch's `with torch.no_grad():`): tensors computed
/// inside do not require grad and record no node, which saves the memory of the graph.
///
/// The scope is task-local: it covers `body` and the tasks it creates, not other tasks.
///
/// ```swift
/// let z = try noGrad { try matmul(x, w) + b }   // z.requiresGrad == false
/// ```
public func noGrad<R>(_ body: () throws -> R) rethrows -> R {
  try GradMode.$isEnabled.withValue(false, operation: body)
}

/// Runs the asynchronous `body` with gradient recording off; see `noGrad(_:)`.
public func noGrad<R>(
  isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> R
) async rethrows -> R {
  try await GradMode.$isEnabled.withValue(false, operation: body, isolation: isolation)
}

/// True when operations currently record autograd nodes (PyTorch's `torch.is_grad_enabled()`).
public var isGradEnabled: Bool { GradMode.isEnabled }
