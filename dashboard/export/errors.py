"""The one error every export failure becomes: its message is what the CLI and the page show."""


class ExportError(RuntimeError):
    """An export could not be written; the message says why and, where possible, what to do."""
