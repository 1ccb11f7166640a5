"""The package's version, on the bottom floor so any module may name it."""

__version__ = "0.1.0"
