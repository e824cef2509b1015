"""The exceptions newsfacts raises. Each also derives from the builtin class users already catch."""


class NewsfactsError(Exception):
    """Base class of every newsfacts exception."""


class InvalidOptionError(NewsfactsError, ValueError):
    """An option of the call had a value newsfacts does not accept (names the option and value)."""


class InvalidInputError(NewsfactsError, TypeError):
    """The articles argument was not of a type newsfacts reads (names the expected types)."""


class ArticleError(NewsfactsError, ValueError):
    """An article could not be processed cleanly (raised only with ``strict=True``)."""
