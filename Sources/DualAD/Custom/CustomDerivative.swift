/// The derivative of a ``CustomRule`` at a point, in the form the rule has.
///
/// Users have their derivatives in different shapes, so all three are accepted:
/// - ``partials(_:)``, the Jacobian ∂yᵢ/∂xⱼ (a formula, a C routine returning its gradient):
///   what the tape stores, so reverse mode records it as it is;
/// - ``jvp(_:)``, t ↦ J·t (a forward sensitivity, JAX's `custom_jvp`, ChainRules' `frule`):
///   what ``Dual`` needs, one call per forward pass;
/// - ``vjp(_:)``, v ↦ vᵀJ (an adjoint solve, PyTorch's `backward`, ChainRules' `rrule`);
/// - ``products(jvp:vjp:)``, both, each mode taking its own; the audit then also checks the
///   adjoint identity ⟨u, vᵀJ⟩ = ⟨J·u, v⟩ between them.
///
/// The scalar tape stores partials, not closures (a closure per node would cost an allocation
/// and a reference count per operation, and outlive the tape's pooled memory), so ``Variable``
/// turns a JVP into partials with n calls and a VJP with m: cheap for the small primitives a
/// scalar rule is. The closures are called only while the rule is applied.
public enum CustomDerivative<T: ADScalar> {
  /// ∂yᵢ/∂xⱼ: m rows (one per output) of n partials (one per input).
  case partials([[T]])
  /// t ↦ J·t: n tangent elements in, m out.
  case jvp(([T]) throws -> [T])
  /// v ↦ vᵀJ: m cotangent elements in, n out.
  case vjp(([T]) throws -> [T])
  /// Both products.
  case products(jvp: ([T]) throws -> [T], vjp: ([T]) throws -> [T])
}
