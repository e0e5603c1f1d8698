"""pelicanconf.py as a plain module, read without Pelican: for the tools that need a setting or two (the schema
doc, the CMS configuration, the invoke tasks). Reading it through Pelican would add Pelican's defaults and its
start-up time, which none of them needs. The plugins folder is made importable, as in a build."""

import importlib.util
import os
import sys


def load(root):
    plugins = os.path.join(root, "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)
    spec = importlib.util.spec_from_file_location("_pelicanconf", os.path.join(root, "pelicanconf.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
