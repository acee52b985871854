"""The import formats, one module each; the registry is the one list that names them."""
