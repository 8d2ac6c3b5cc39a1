// The one C boundary of Chengyu: CBLAS from OpenBLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
// Only Sources/MatrixCore/Internals/ imports this module.
#ifndef CHENGYU_COPENBLAS_SHIM_H
#define CHENGYU_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
