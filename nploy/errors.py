"""Errors a user can act on. The CLI and the app show their message as one line, never a traceback."""


class NployError(Exception):
    """Base class: the message says what went wrong and what to do."""


class IndexMismatchError(NployError):
    """The index on disk does not belong to these listings or this model, or is corrupt."""


class IngestError(NployError):
    """A listings file cannot be read at all (as opposed to single bad rows, which are rejected)."""


class ProfileError(NployError):
    """A profile field is out of range or unknown."""
