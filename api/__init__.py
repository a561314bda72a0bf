"""The HTTP service and the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tracuu")  # from the installed distribution's metadata
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
