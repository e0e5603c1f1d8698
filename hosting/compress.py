"""Pre-compressed copies of the site's text files for the publish build: page.html.br and page.html.gz next to
page.html, which nginx sends as they are (brotli_static, gzip_static in hosting/nginx/site.conf) instead of
compressing each response again, and at the strongest settings, which would be too slow to use per request.

- Brotli at quality BROTLI_QUALITY (PyPI `brotli`), gzip at level 9 with no time or name in its header, so the
  same site gives the same bytes on every build.
- Only text (the suffixes below), only files of at least MIN_BYTES (smaller ones fit in the first packet anyway),
  and a copy only where it is smaller than the file. Pagefind's index files are gzip already (and their names are
  not text suffixes); a file that starts like gzip is never compressed again.
- Not in the local build, the preview or the check: only publishconf.py lists it in FINISHING_STEPS.

`python -m hosting.compress FOLDER` compresses a built folder and prints the bytes and the time.
"""

import gzip
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import brotli

TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".csv", ".svg", ".txt", ".webmanifest", ".map",
                 ".ics")
MIN_BYTES = 1024
GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Totals:
    files: int = 0
    raw: int = 0
    gzip: int = 0
    brotli: int = 0
    seconds: float = 0.0

    def add(self, other):
        self.files += other.files
        self.raw += other.raw
        self.gzip += other.gzip
        self.brotli += other.brotli

    def __str__(self):
        def share(size):
            return f"{size:,} B ({size / self.raw:.0%})" if self.raw else f"{size:,} B"
        return (f"{self.files} Textdateien, {self.raw:,} B; gzip {share(self.gzip)}, brotli {share(self.brotli)}; "
                f"{self.seconds:.2f} s")


def compressible(path):
    return path.endswith(TEXT_SUFFIXES) and os.path.getsize(path) >= MIN_BYTES


# Quality 10, not the maximum 11: measured on the real site's 204 text files (2,515,237 B), 11 gave 528,792 B in
# 4.46 s, 10 gave 534,024 B (1 % more) in 1.57 s; on 5,000 articles quality 11 was 195 s of a 281 s publish build.
BROTLI_QUALITY = 10


def _compress_file(path):
    """Write path.br and path.gz where they are smaller than the file. Returns this file's Totals; the sizes of a
    copy not written count as the file's own (that is what is sent then)."""
    with open(path, "rb") as file:
        data = file.read()
    totals = Totals(files=1, raw=len(data), gzip=len(data), brotli=len(data))
    if data.startswith(GZIP_MAGIC):
        return totals
    for suffix, packed in ((".gz", gzip.compress(data, compresslevel=9, mtime=0)),
                           (".br", brotli.compress(data, quality=BROTLI_QUALITY))):
        if len(packed) < len(data):
            with open(path + suffix, "wb") as file:
                file.write(packed)
            setattr(totals, "gzip" if suffix == ".gz" else "brotli", len(packed))
    return totals


def precompress(site, settings):
    """A finishing step of the publish build (FINISHING_STEPS in publishconf.py): .br and .gz beside every text file."""
    compress_site(site)
    return []


def compress_site(site, workers=None):
    """Compress every text file under `site`; return the Totals."""
    started = time.perf_counter()
    paths = sorted(os.path.join(folder, name) for folder, _, names in os.walk(site) for name in names
                   if compressible(os.path.join(folder, name)))
    totals = Totals()
    # Brotli 11 takes most of the time; the files are independent, so they are shared out among the cores
    # (largest first, so that no core is left with a big file at the end).
    paths.sort(key=os.path.getsize, reverse=True)
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_compress_file, paths, chunksize=8))
    else:
        results = [_compress_file(path) for path in paths]
    for result in results:
        totals.add(result)
    totals.seconds = time.perf_counter() - started
    return totals


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or not os.path.isdir(argv[0]):
        print("Aufruf: python -m hosting.compress ORDNER", file=sys.stderr)
        return 2
    print(compress_site(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
