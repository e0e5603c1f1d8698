"""What the operating system refused (a full disk, a read-only folder, a mount point), said in one German line
that names the folder and what to do, instead of a traceback."""

import errno
import os

_WHAT = {
    errno.ENOSPC: ("Auf dem Datenträger von {folder} ist kein Platz mehr",
                   "schaffen Sie Platz (z. B. alte Builds oder den Ordner .cache/ löschen) und bauen Sie erneut."),
    errno.EDQUOT: ("Ihr Speicherplatz (Quota) auf dem Datenträger von {folder} ist aufgebraucht",
                   "schaffen Sie Platz und bauen Sie erneut."),
    errno.EROFS: ("{folder} ist schreibgeschützt",
                  "bauen Sie in einen Ordner, in den Sie schreiben dürfen (--output), oder heben Sie den Schutz auf."),
    errno.EACCES: ("In {folder} darf der Build nicht schreiben (keine Berechtigung)",
                   "bauen Sie in einen Ordner, in den Sie schreiben dürfen (--output), oder prüfen Sie die Rechte."),
    errno.EPERM: ("In {folder} darf der Build nicht schreiben (nicht erlaubt)",
                  "bauen Sie in einen Ordner, in den Sie schreiben dürfen (--output), oder prüfen Sie die Rechte."),
    errno.EBUSY: ("{folder} ist in Gebrauch oder ein eingehängtes Laufwerk und lässt sich nicht ersetzen",
                  "bauen Sie in einen Ordner darin oder daneben (z. B. --output {folder}/site)."),
    errno.EXDEV: ("{folder} liegt auf einem anderen Laufwerk als der Ordner darüber und lässt sich nicht ersetzen",
                  "bauen Sie in einen Ordner darin (z. B. --output {folder}/site)."),
}


def describe(error, folder=None):
    """The line for an OSError the build cannot do anything about, or None for other errors.

    It names the folder the editor knows: where the failing file would have gone, above the build's own staging
    folders; `folder` when the error does not say."""
    if not isinstance(error, OSError) or error.errno not in _WHAT:
        return None
    where = _known_folder(error.filename, keep_last=error.errno in (errno.EBUSY, errno.EXDEV)) or folder
    where = where or "dem Zielordner"
    what, fix = _WHAT[error.errno]
    return f"{what.format(folder=where)} — {fix.format(folder=where)} Es wurde nichts veröffentlicht."


_BUILD_FOLDERS = (".output-new-", ".output-old-", "sitebuild-")


def _known_folder(path, keep_last=False):
    """The folder of `path` an editor knows of: above the build's staging folders, and one that exists."""
    if not path:
        return None
    parts = os.path.abspath(str(path)).split(os.sep)
    for index, part in enumerate(parts):
        if part.startswith(_BUILD_FOLDERS):
            parts = parts[:index + 1]
            break
    candidate = os.sep.join(parts) or os.sep
    if not keep_last or not os.path.exists(candidate):
        candidate = os.path.dirname(candidate)
    while candidate and not os.path.isdir(candidate):
        candidate = os.path.dirname(candidate)
    return candidate
