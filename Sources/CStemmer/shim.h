#include <libstemmer.h>
#if defined(__GLIBC__) || defined(__linux__)
/* malloc_trim: the index build hands memory freed in its threads' arenas back to the system. */
#include <malloc.h>
#endif
