extensions = ["annotated_reader"]
language = "de"
smartquotes = False
exclude_patterns = ["_build"]
