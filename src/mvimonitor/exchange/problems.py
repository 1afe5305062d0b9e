"""A file that cannot be read at all. What is wrong with a row of a file that can be
read is a `mvimonitor.kernel.imports.Problem`, shared by every import."""


class SpreadsheetError(Exception):
    """The file cannot be read at all (wrong kind, encrypted, damaged, too large)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
