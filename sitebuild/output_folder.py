"""The output folder: a build writes into a staging folder beside it and swaps it in only when all went well, so
that a failed build leaves the last good site as it was."""

import os
import shutil
import tempfile


def swap_in(new_output, output_path):
    old = None
    if os.path.exists(output_path):
        old = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(output_path))
        os.rename(output_path, os.path.join(old, "site"))
    os.rename(new_output, output_path)
    if old:
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
    trash = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(output_path))
    try:
        for lang in built:
            if os.path.exists(os.path.join(output_path, lang)):
                os.rename(os.path.join(output_path, lang), os.path.join(trash, lang))
            os.rename(os.path.join(site, lang), os.path.join(output_path, lang))
    finally:
        shutil.rmtree(trash, ignore_errors=True)


