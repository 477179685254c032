"""Compressed answers (Flask-Compress): brotli for browsers, gzip for everything else.

A phone on a slow connection spends most of a page's time fetching it, and the register's pages,
stylesheet and API answers shrink to a sixth or less. What is compressed, and why the rest is not:

- **Public answers only.** A private answer (``Cache-Control: no-store``: anything to a signed-in
  person or to a request with ``Authorization``, ``registry.security_headers``) is sent as it is. It
  holds the session's CSRF token beside text a visitor can choose (a search, a form's answers), and
  compressing the two together lets an eavesdropper who can make the browser send requests guess
  the token from the sizes (BREACH). Public answers hold no secret to guess.
- **Whole 200 answers only.** Nothing streamed is compressed (``COMPRESS_STREAMS`` off): the
  register's export is a file served with its ``Content-Length``, ``Range`` for resuming and a
  ``Repr-Digest`` of its bytes (``registry.api.export_files``), which compressing it on the way would
  contradict, and a stream keeps streaming. Nor is a 206 part or an error page.
- **ETags and 304s keep working.** A view's strong ETag (the API's, ``registry.api.conventions``) is
  made over the uncompressed body; Flask-Compress gives the compressed answer its own
  (``"…:br"``, as a representation in another coding must have) and answers ``If-None-Match`` for
  it with a 304.
- **Kept answers are kept compressed.** The fast lane (``registry.fast_lane``) keeps the finished
  answer, so it keys what it keeps on the coding a request would get (``coding_for``): a browser
  asking for brotli and a script asking for nothing are given different copies, each made once.
- Static files are compressed per request from memory (``registry.web.static_files``); a browser
  keeps each fingerprinted file for a year, so this is once per visitor.
"""

from __future__ import annotations

from flask import Flask, Response, current_app
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm

ALGORITHMS = ("br", "gzip")
MIMETYPES = (
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/problem+json",
    "application/atom+xml",
    "image/svg+xml",
    "text/plain",
    "text/csv",
)
IDENTITY = "identity"
EXTENSION = "registry.compression"


def coding_for(accept_encoding: str) -> str:
    """The content coding an answer to a request with this ``Accept-Encoding`` is given (or
    ``identity``), decided as Flask-Compress decides it."""
    return _choose_algorithm(ALGORITHMS, accept_encoding) or IDENTITY


def compress_public(response: Response) -> Response:
    if response.status_code != 200 or response.cache_control.no_store:
        return response
    compress: Compress = current_app.extensions[EXTENSION]
    return compress.after_request(response)


def init_app(app: Flask) -> None:
    """Register before ``registry.security_headers``: hooks run last-registered first, so this one
    runs after it has marked private answers ``no-store``."""
    app.config.update(
        COMPRESS_REGISTER=False,  # compress_public decides which answers Flask-Compress sees
        COMPRESS_ALGORITHM=list(ALGORITHMS),
        COMPRESS_MIMETYPES=list(MIMETYPES),
        COMPRESS_STREAMS=False,
        COMPRESS_LEVEL=6,
        COMPRESS_BR_LEVEL=5,
    )
    app.extensions[EXTENSION] = Compress(app)
    app.after_request(compress_public)
