// The parts of GSL that GradientCheck uses: numerical differentiation and error handling.
#ifndef DUALAD_CGSL_SHIM_H
#define DUALAD_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_deriv.h>
#endif
