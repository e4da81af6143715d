"""The one error of fetching from CBS, shared by the v4 client (:mod:`etl.extract`) and the v3 one
(:mod:`etl.extract_v3`) without either importing the other for it."""


class ExtractError(RuntimeError):
    """A fetch that failed: network, HTTP status, invalid JSON or an unexpected shape."""
