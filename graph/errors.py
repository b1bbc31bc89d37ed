"""Exceptions with messages meant for the user (the CLI prints them as one line)."""

from __future__ import annotations


class KazkgError(Exception):
    """A problem the user can fix; ``str(err)`` says what to do."""


class CorpusError(KazkgError):
    """The corpus cannot be read."""


class QueryError(KazkgError):
    """A SPARQL query is malformed or not allowed."""
