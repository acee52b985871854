"""`python -m tiebook` runs the tiebook command."""

from tiebook.cli.main import run

run()
