"""Business operations and read queries, shared by the pages and the API.

Functions here flush but never commit (the request or CLI command commits once, at the
boundary) and never read ``flask.request``, ``session`` or ``g``: the caller passes the actor.
"""
