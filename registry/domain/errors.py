"""Errors the domain raises for the delivery layers to turn into messages."""


class DomainError(Exception):
    """A rule refused the operation; the message is fit to show to the person who asked.

    ``field`` names the answer the refusal is about (a form field's name, such as ``reason`` or
    ``effective_on``), when there is one: a form puts the message beside that answer
    (``registry.web.refusals.show_refusal``) and the API points at it. Nobody works the field out
    from the wording of the message.
    """

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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
    """A refusal that always concerns one answer: ``Refused(field, message)``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)
