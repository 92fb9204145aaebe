// Counts heap allocations made by the benchmark process (malloc, calloc, realloc and the aligned
// allocators), so that the benchmarks can report allocations per call.
#ifndef DUALAD_MALLOC_COUNTER_H
#define DUALAD_MALLOC_COUNTER_H

/// Allocations since the process started, over all threads.
unsigned long long dualad_allocation_count(void);

#endif
