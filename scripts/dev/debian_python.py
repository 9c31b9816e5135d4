"""Imports a module from Debian's Python packages, installing the package with apt-get when missing.

The development scripts beside this file run under /usr/bin/python3 (Debian's interpreter), whose
packages (python3-torch, python3-pil, ...) come from Debian, the one source reachable from the
project's machines besides Maven Central and npm.
"""
import importlib
import os
import subprocess
import sys


def require(module, package):
    """Returns the imported module; installs `package` and restarts the script when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if os.geteuid() != 0:
            sys.exit(f"{package} is missing: run 'apt-get install {package}' as root, then rerun.")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True)
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
