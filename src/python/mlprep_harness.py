#!/usr/bin/env python3
"""Launcher kept at dist/python/mlprep_harness.py so `python <this file> MODE ...` keeps working.

The harness itself is the package next to it (mlprep_harness/); see its __init__ for the threat
model and __main__ for the modes. Equivalent: `python -m mlprep_harness MODE ...` with this
directory on sys.path.
"""

import sys

if __name__ == "__main__":
    # sys.path[0] is this file's directory, so the package (a directory) is found here; a
    # package takes precedence over this same-named module.
    from mlprep_harness.__main__ import main

    sys.exit(main())
