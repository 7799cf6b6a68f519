"""A second edition for the output tests: two texts of different shapes, through PDF and EPUB."""

project = "Zwei Texte"
author = "Redaktion der Testausgabe"
copyright = "2026, Redaktion der Testausgabe"
language = "de"
root_doc = "index"
extensions = ["annotated_reader"]
exclude_patterns = ["_build"]
smartquotes = False
version = "1"
today = "1. Mai 2026"

latex_engine = "xelatex"
latex_documents = [("book", "zwei-texte.tex", project, author, "manual")]
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

epub_basename = "zwei-texte"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_uid = epub_identifier = "zwei-texte"
epub_use_index = False
epub_tocdepth = 2
annotated_reader_epub_pages = ["glossar", "zeitleiste", "register/*", "quellen", "ueber"]
