"""How the site is built: a strict, all-or-nothing wrapper around Pelican (see strict.py)."""
