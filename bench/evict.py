"""Evict a folder's files from the operating system's cache (no root needed:
posix_fadvise DONTNEED on each file), so that an ingest reads them from disk
as it would files copied in a while ago.

    python3 bench/evict.py DIR
"""
import os
import sys

n = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        fd = os.open(os.path.join(folder, name), os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
        n += 1
print(f"evicted {n} files from the cache", file=sys.stderr)
