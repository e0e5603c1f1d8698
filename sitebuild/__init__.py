"""How the site is built: a strict, all-or-nothing build of every language's site around Pelican (build.py)."""
