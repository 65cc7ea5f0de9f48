#ifndef LAMBDA_FILTER_BENCH_ALLOCATION_COUNTER_H
#define LAMBDA_FILTER_BENCH_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Number of heap allocations (malloc, calloc, realloc, memalign, aligned_alloc,
/// posix_memalign) made by the whole process so far; 0 where counting is unavailable.
uint64_t lf_bench_allocation_count(void);

/// Bytes requested by those allocations so far; 0 where counting is unavailable.
uint64_t lf_bench_allocated_bytes(void);

/// 1 when this build interposes the allocator (Linux with glibc), 0 otherwise.
int lf_bench_allocation_counting_compiled(void);

#endif
