"""A second edition for the output tests: two texts of different shapes, through PDF and EPUB."""

from annotated_reader.edition import sphinx_settings

# The edition described once: project, author, copyright, html_title, latex_documents, epub_*.
annotated_reader_edition = {
    "title": "Zwei Texte",
    "editors": ["Redaktion der Testausgabe"],
    "year": 2026,
    "rights": "Annotationen",
    "description": "Ein Bericht und ein Auszug aus dem Grundgesetz, erläutert.",
    "language": "de",
    "basename": "zwei-texte",
}
globals().update(sphinx_settings(annotated_reader_edition))
root_doc = "index"
extensions = ["annotated_reader"]
exclude_patterns = ["_build"]
smartquotes = False
version = "1"
today = "1. Mai 2026"

latex_engine = "xelatex"
latex_appendices = ["glossar", "zeitleiste", "register/personen", "register/organisationen", "register/orte", "quellen", "ueber"]
latex_domain_indices = False
latex_elements = {
    "papersize": "a5paper",
    "pointsize": "11pt",
    "classoptions": ",openany,oneside",
    "fncychap": "",
    "maketitle": r"\sphinxARmaketitle",
    "printindex": "",
}

epub_use_index = False
epub_tocdepth = 2
annotated_reader_epub_pages = ["glossar", "zeitleiste", "register/*", "quellen", "ueber"]
