// SQLite from Debian's libsqlite3-dev, for the benchmark's FTS5 baseline only.
#include <sqlite3.h>

// glibc's allocator statistics (mallinfo2, malloc_trim), which the Glibc module does
// not export: the benchmark measures each index's heap with them.
#if defined(__linux__)
#include <malloc.h>
#endif
