"""`python -m graph` runs the kazkg command line."""

from graph.cli import main

main()
