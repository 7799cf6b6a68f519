"""Benchmark of the annotated reader against plain Sphinx + MyST (``nox -s bench``).

* :mod:`bench.corpus` generates synthetic editions of 1 to 1000 texts from the article;
* :mod:`bench.plain` renders the same texts as a plain MyST project, without the extension;
* :mod:`bench.run` builds both side by side and writes the results;
* :mod:`bench.locate` times form location against text length and number of forms.
"""
