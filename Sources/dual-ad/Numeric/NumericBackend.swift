/// The numeric differentiator: GSL's finite differences, through GradientCheck.
let numericBackend: any NumericDifferentiator = GSLNumericDifferentiator()
