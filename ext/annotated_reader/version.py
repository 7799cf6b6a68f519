"""The package's version.

A module of its own so that every part can read it without importing the package's
``setup`` (which imports the Sphinx layer).
"""

__version__ = "0.1.0"
