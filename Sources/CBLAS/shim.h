// The BLAS routines that DualADTensor's matrix products call: OpenBLAS's CBLAS interface
// (Debian's libopenblas-dev; pkg-config's include path selects its cblas.h).
#ifndef DUALAD_CBLAS_SHIM_H
#define DUALAD_CBLAS_SHIM_H
#include <cblas.h>
#endif
