extensions = ["annotated_reader"]
language = "de"
smartquotes = False
