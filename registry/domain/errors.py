"""Errors the domain raises for the delivery layers to turn into messages."""


class DomainError(Exception):
    """A rule refused the operation; the message is fit to show to the person who asked."""


class NotFound(DomainError):
    pass


class IllegalTransition(DomainError):
    pass


class ConcurrentChange(DomainError):
    def __init__(self, message: str = "This record was changed by someone else. Reload the page and try again.") -> None:
        super().__init__(message)


class PermissionDenied(DomainError):
    pass
