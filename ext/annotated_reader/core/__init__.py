"""The pure core: seeds, annotation files, locating and rendering, with no Sphinx import.

Everything here works on plain data and is tested with plain pytest; the Sphinx layer in
:mod:`annotated_reader.sphinxext` only calls it.  The stages, one module each:

* :mod:`.pipeline`: the one way from files to an annotated text (registries loaded once,
  each text built with its problems and the files it read), for the command line
  (:mod:`.project`), the Sphinx parser and the Sphinx corpus loader;
* :mod:`.annotations` and :mod:`.seed`: reading the files; :mod:`.names`: which paths may be read;
* :mod:`.annotate`: locating mentions and notes in the seed (matching in :mod:`.locate`);
* :mod:`.diagnostics`: the messages and hints of the problems found on the way;
* :mod:`.render`: the MyST page, in the names of :mod:`.protocol` (mention classes, note
  labels, paragraph anchors, entry ids), which the Sphinx layer reads back.
"""
