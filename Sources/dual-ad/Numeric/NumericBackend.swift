/// The numeric differentiator this build has, or nil when it was built without one.
let numericBackend: (any NumericDifferentiator)? = GSLNumericDifferentiator()

/// The message for `--mode numeric` and `check` in a build without numerical differentiation.
let numericUnavailable =
  "numeric differentiation (GSL) is not available in this build; use --mode forward or --mode reverse"
