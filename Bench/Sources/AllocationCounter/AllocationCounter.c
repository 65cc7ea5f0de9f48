// Counts heap allocations by defining the allocator entry points in the executable.
//
// Why: glibc's mallinfo2() reports bytes in use, so an allocation freed before the next reading
// leaves no trace, and it cannot count calls at all. Symbols defined in the executable take
// precedence over libc's for every shared object (libswiftCore included), so defining malloc here
// and forwarding to glibc's exported __libc_* entry points sees every allocation in the process.
// free() is not interposed: it needs no counting and glibc's free owns all these blocks anyway.
// The cost is two relaxed atomic adds per allocation and nothing when no allocation happens.

#include "AllocationCounter.h"

#if defined(__linux__) && defined(__GLIBC__)

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Atomic uint64_t allocation_count;
static _Atomic uint64_t allocated_bytes;

static inline void note_allocation(size_t size) {
    atomic_fetch_add_explicit(&allocation_count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&allocated_bytes, size, memory_order_relaxed);
}

void *malloc(size_t size) {
    note_allocation(size);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    note_allocation(count * size);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    note_allocation(size);
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    note_allocation(size);
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    note_allocation(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    // The same argument checks glibc makes: a power of two that is a multiple of sizeof(void *).
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0 || alignment == 0) {
        return EINVAL;
    }
    note_allocation(size);
    void *block = __libc_memalign(alignment, size);
    if (block == NULL) {
        return ENOMEM;
    }
    *result = block;
    return 0;
}

uint64_t lf_bench_allocation_count(void) {
    return atomic_load_explicit(&allocation_count, memory_order_relaxed);
}

uint64_t lf_bench_allocated_bytes(void) {
    return atomic_load_explicit(&allocated_bytes, memory_order_relaxed);
}

int lf_bench_allocation_counting_compiled(void) { return 1; }

#else

uint64_t lf_bench_allocation_count(void) { return 0; }
uint64_t lf_bench_allocated_bytes(void) { return 0; }
int lf_bench_allocation_counting_compiled(void) { return 0; }

#endif
