# The base project of the hostile cases.  Deliberately permissive: the cases show that the
# extension itself (annotated_reader_safe_pages, on by default) closes the holes, whatever
# MyST allows here.
extensions = ["myst_parser", "sphinx_design", "annotated_reader"]
language = "de"
smartquotes = False
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
html_theme = "furo"
