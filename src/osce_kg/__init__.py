"""osce-kg: an open knowledge graph of the OSCE."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("osce-kg")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
