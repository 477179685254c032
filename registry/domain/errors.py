"""Errors the domain raises for the delivery layers to turn into messages."""


class DomainError(Exception):
    """A rule refused the operation; the message is fit to show to the person who asked."""


class NotFound(DomainError):
    pass


class IllegalTransition(DomainError):
    pass


CHANGED_BY_SOMEONE_ELSE = "This record was changed by someone else. Reload the page and try again."


class ConcurrentChange(DomainError):
    def __init__(self, message: str = CHANGED_BY_SOMEONE_ELSE) -> None:
        super().__init__(message)


class PermissionDenied(DomainError):
    pass


class Refused(DomainError):
    """Nothing was changed; ``field`` names the form field the message belongs to, so a form can
    put the message beside the answer to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
