"""The domain errors services raise; eia.middleware turns each into a page with its message."""


class DomainError(Exception):
    status = 400
    title = "There is a problem"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The user may not do this (wrong role, wrong person, or the author acting on own work)."""

    status = 403
    title = "You cannot do this"


class Conflict(DomainError):
    """The record moved on since the page was loaded: someone else acted first."""

    status = 409
    title = "This assessment has changed"


class InvalidInput(DomainError):
    """Input the service refuses; views normally catch this and show it beside the form."""

    status = 400


class SubmissionBlocked(InvalidInput):
    """A stage cannot be submitted yet; `problems` says what is missing, each with a link."""

    def __init__(self, message: str, problems):
        super().__init__(message)
        self.problems = list(problems)


class NotFound(DomainError):
    """No such record for this user: another organisation's draft looks exactly like this."""

    status = 404
    title = "Page not found"


class TrailAltered(DomainError):
    """An assessment's audit trail fails its own check: nothing more is recorded on it."""

    status = 409
    title = "This assessment's audit trail has been altered"
