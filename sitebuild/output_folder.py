"""The output folder: a build writes into a staging folder beside it and swaps it in only when all went well, so
that a failed, interrupted or killed build leaves the last good site as it was.

The swap is one system call: Linux's renameat2() with RENAME_EXCHANGE trades the two folders' names atomically,
so `output/` is at every moment either the old site or the new one, complete; the old one is then deleted under
the staging folder's name. (Two renames, as on other systems, leave a moment without any `output/`.) A staging
folder is locked while its build runs; the next build deletes those whose build was killed.
"""

import ctypes
import errno
import fcntl
import glob
import os
import shutil
import tempfile

STAGING_PREFIX = ".output-new-"
OLD_PREFIX = ".output-old-"  # left by the two-rename swap of systems without renameat2
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)


def exchange(first, second):
    """Trade the names of two paths in one step. False where the system or file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), second)


class Staging:
    """A new staging folder beside `output_path` (or in `parent`), locked for as long as this build runs."""

    def __init__(self, output_path=None, parent=None, prefix=STAGING_PREFIX):
        parent = parent or os.path.dirname(output_path)
        os.makedirs(parent, exist_ok=True)
        remove_abandoned(parent, prefix)
        if prefix == STAGING_PREFIX:
            remove_abandoned(parent, OLD_PREFIX)
        self.path = tempfile.mkdtemp(prefix=prefix, dir=parent)
        self._lock = os.open(self.path, os.O_RDONLY)
        fcntl.flock(self._lock, fcntl.LOCK_EX)

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self._lock)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        self.remove()


def remove_abandoned(parent, prefix):
    """Delete the folders `prefix`* in `parent` of builds that were killed (whose lock nobody holds any more)."""
    for path in glob.glob(os.path.join(glob.escape(parent), glob.escape(prefix) + "*")):
        try:
            handle = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # another build is using it
        else:
            shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(handle)


def swap_in(new_output, output_path):
    """Make `new_output` the output folder; the old one ends up at `new_output`'s name (and is deleted with it)."""
    if not os.path.lexists(output_path):
        os.rename(new_output, output_path)
        return
    if exchange(new_output, output_path):
        return
    old = tempfile.mkdtemp(prefix=OLD_PREFIX, dir=os.path.dirname(output_path))
    os.rename(output_path, os.path.join(old, "site"))
    os.rename(new_output, output_path)
    shutil.rmtree(old)


def _other_languages(settings):
    return [lang for lang in settings["SITE_LANGUAGES"] if lang != settings["ORIGINAL_LANG"]]


def borrow_unbuilt_parts(site, output_path, settings, built):
    """Complete a partial build's staging site with links to the current output's other parts, so that links
    into them can be checked as usual."""
    if not os.path.isdir(output_path):
        return
    if settings["ORIGINAL_LANG"] in built:
        borrowed = [lang for lang in _other_languages(settings) if lang not in built]
    else:
        borrowed = [name for name in os.listdir(output_path) if name not in built]
    for name in borrowed:
        if os.path.exists(os.path.join(output_path, name)) and not os.path.exists(os.path.join(site, name)):
            os.symlink(os.path.join(output_path, name), os.path.join(site, name))


def swap_in_parts(site, output_path, settings, built):
    """Put a partial build's languages in place of their old versions; leave the other languages alone."""
    if settings["ORIGINAL_LANG"] in built or not os.path.isdir(output_path):
        # The original's site holds the others' folders: keep the current ones that were not rebuilt.
        for name in os.listdir(site):
            link = os.path.join(site, name)
            if os.path.islink(link):
                os.remove(link)
                os.rename(os.path.join(output_path, name), link)
        swap_in(site, output_path)
        return
    trash = tempfile.mkdtemp(prefix=OLD_PREFIX, dir=os.path.dirname(output_path))
    try:
        for lang in built:
            if os.path.exists(os.path.join(output_path, lang)):
                os.rename(os.path.join(output_path, lang), os.path.join(trash, lang))
            os.rename(os.path.join(site, lang), os.path.join(output_path, lang))
    finally:
        shutil.rmtree(trash, ignore_errors=True)


