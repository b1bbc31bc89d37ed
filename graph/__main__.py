"""`python -m graph` runs the kazkg command line."""

from .cli import main

main()
