"""Compressed answers (``registry.compression``): public pages and API answers in brotli or gzip when
the client takes them, each coding kept apart by the fast lane; ETags and 304s still work; private
answers (BREACH) and the streamed export are sent as they are."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator

import brotli
from flask import Response
from flask.testing import FlaskClient

from registry import create_app
from registry.auth.access import public
from registry.compression import coding_for
from tests.conftest import config_for_tests

BROWSER = "gzip, deflate, br, zstd"  # what Chromium sends
DECODE: dict[str, Callable[[bytes], bytes]] = {"br": brotli.decompress, "gzip": gzip.decompress}


def _get(client: FlaskClient, path: str, accept: str | None) -> tuple[str | None, bytes, Response]:
    response = client.get(path, headers={"Accept-Encoding": accept} if accept is not None else {})
    coding = response.headers.get("Content-Encoding")
    body = response.get_data()
    return coding, DECODE[coding](body) if coding else body, response


def test_codings_are_chosen_as_flask_compress_chooses_them() -> None:
    assert coding_for(BROWSER) == "br"
    assert coding_for("gzip, deflate") == "gzip"
    assert coding_for("br;q=0.5, gzip") == "gzip"
    assert coding_for("") == coding_for("identity") == coding_for("zstd") == "identity"


def test_a_public_page_is_compressed_for_those_who_take_it_and_kept_apart_per_coding(client, registered) -> None:
    number = registered("Ada Compressed").registration_number
    path = f"/mediators/{number}"
    plain_coding, plain, first = _get(client, path, None)
    assert plain_coding is None and b"Ada Compressed" in plain
    # In turn, so each is a fresh answer and then a kept one: a kept brotli copy is never given to a
    # client that asked for nothing, nor a kept plain copy to a browser.
    for accept, expected in ((BROWSER, "br"), ("gzip", "gzip"), (None, None), (BROWSER, "br"), ("gzip", "gzip")):
        coding, body, response = _get(client, path, accept)
        assert coding == expected and body == plain, accept
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
        if coding:
            assert len(response.get_data()) < len(plain) / 3
            assert int(response.headers["Content-Length"]) == len(response.get_data())


def test_an_api_answer_keeps_its_etag_and_304_when_compressed(client, registered) -> None:
    path = f"/api/v1/mediators/{registered().registration_number}"
    for attempt in range(2):  # Flask's answer, then the fast lane's kept one
        coding, body, response = _get(client, path, "gzip")
        assert coding == "gzip" and b'"registration_number"' in body, attempt
        etag = response.headers["ETag"]
        assert etag.endswith(':gzip"')  # a strong ETag names the coding it was made for
        again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b"", attempt
    plain = client.get(path)
    assert "Content-Encoding" not in plain.headers and not plain.headers["ETag"].endswith(':gzip"')
    assert client.get(path, headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304


def test_private_answers_are_not_compressed(client_as) -> None:
    """A signed-in page holds a CSRF token beside text the visitor chose (module docstring: BREACH)."""
    response = client_as("la_officer").get("/workspace/local-authority/watchlist", headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200 and response.cache_control.no_store
    assert "Content-Encoding" not in response.headers and "csrf_token" in response.text


def test_the_export_is_sent_as_it_is_streamed_whole_and_resumable(client, registered) -> None:
    registered("Exported Ada")
    plain = client.get("/api/v1/exports/register.csv").get_data()
    response = client.get("/api/v1/exports/register.csv", headers={"Accept-Encoding": BROWSER}, buffered=False)
    assert response.is_streamed and "Content-Encoding" not in response.headers
    assert int(response.headers["Content-Length"]) == len(plain)
    assert response.get_data() == plain and b"Exported Ada" in plain
    part = client.get("/api/v1/exports/register.csv", headers={"Accept-Encoding": BROWSER, "Range": "bytes=10-19"})
    assert part.status_code == 206 and part.get_data() == plain[10:20]
    assert "Content-Encoding" not in part.headers


def test_a_streamed_answer_keeps_streaming(tmp_path, database_url: str) -> None:
    app = create_app(config_for_tests(tmp_path, database_url))
    made: list[int] = []

    def rows() -> Iterator[str]:
        for n in range(3):
            made.append(n)
            yield f"row {n}\n" * 200

    @public
    def streamed() -> Response:
        return Response(rows(), mimetype="text/csv")

    app.add_url_rule("/test-only/streamed.csv", view_func=streamed)
    response = app.test_client().get("/test-only/streamed.csv", headers={"Accept-Encoding": BROWSER}, buffered=False)
    assert response.is_streamed and "Content-Encoding" not in response.headers
    chunks = iter(response.response)
    assert next(chunks).startswith(b"row 0\n") and made == [0]  # the first rows leave before the rest are made
    assert b"".join(chunks).count(b"row 2\n") == 200 and made == [0, 1, 2]
