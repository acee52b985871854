"""The pieces of `make bench` (scripts/bench.py): the rows and their goals, the cached network,
pages through the real server, commands as whole processes, and the document they make."""
