"""The pure core: seeds, annotation files, locating and rendering, with no Sphinx import.

Everything here works on plain data and is tested with plain pytest; the Sphinx layer in
:mod:`annotated_reader.sphinxext` only calls it.
"""
