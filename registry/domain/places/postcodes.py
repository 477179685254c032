"""Postcode → area, from a compact file built out of the ONS Postcode Directory.

The file (``registry/data/postcodes.bin``, built by ``make assets``: ``registry/reference_data.py``)
is an 8-byte magic, a 4-byte little-endian header length, a JSON header (its source and the GSS
codes the area numbers stand for), then one 8-byte record per postcode, sorted: the postcode in the
directory's 7-character form (``"S10 2TN"``, ``"M1  1AE"``, ``"SW1A1AA"``: the outward code padded
to 4) and one byte for its area. It is read through ``mmap`` and searched by bisection: a lookup
touches about 22 records, a worker maps the file once and the operating system shares its pages.

Area numbers: 1–153 the English LAs, in the header's order; ``NO_AREA`` a postcode with no
district (post only); ``OUTSIDE_ENGLAND`` the other nations.
"""

from __future__ import annotations

import bisect
import json
import mmap
import re
import struct
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

MAGIC = b"SMRPCD1\n"
RECORD = 8
KEY = 7
NO_AREA = 0
# The other nations and the Crown dependencies, by the first letter of their district codes.
OUTSIDE_ENGLAND = {
    250: "Wales",
    251: "Scotland",
    252: "Northern Ireland",
    253: "the Channel Islands or the Isle of Man",
}
NATION_OF_DISTRICT = {"W": 250, "S": 251, "N": 252, "L": 253, "M": 253}

OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
FULL_POSTCODE = re.compile(rf"\b({OUTWARD}) ?([0-9][A-Z]{{2}})\b")
DISTRICT = re.compile(rf"^({OUTWARD})$")
SECTOR = re.compile(rf"^({OUTWARD}) ([0-9])$")


class PostcodeDataMissing(RuntimeError):
    pass


def default_path() -> Path:
    return Path(str(resources.files("registry.data").joinpath("postcodes.bin")))


def key(outward: str, inward: str = "") -> bytes:
    """The directory's 7-character form (or the start of it, for a district or sector)."""
    return (outward.ljust(4) + inward).encode("ascii")


def tidy(text: str) -> str:
    """Upper case, single spaces: the form the patterns above read."""
    return " ".join(text.upper().split())


def display(postcode_key: bytes) -> str:
    """``b"M1  1AE"`` → ``"M1 1AE"``."""
    text = postcode_key.decode("ascii")
    return f"{text[:4].strip()} {text[4:]}".strip()


@dataclass(frozen=True)
class Header:
    areas: list[str]  # GSS codes; area number n is areas[n - 1]
    source: dict[str, str]

    def gss_code(self, area: int) -> str | None:
        return self.areas[area - 1] if 1 <= area <= len(self.areas) else None


class _Keys:
    """The records' keys as a sequence, for ``bisect``."""

    def __init__(self, data: mmap.mmap, start: int, count: int) -> None:
        self.data, self.start, self.count = data, start, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> bytes:
        at = self.start + index * RECORD
        return self.data[at : at + KEY]


class PostcodeDirectory:
    """The built file, mapped read-only."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open("rb") as file:
                self._data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except FileNotFoundError as error:
            raise PostcodeDataMissing(f"{path} is missing: build it with `make assets`") from error
        if self._data[: len(MAGIC)] != MAGIC:
            raise PostcodeDataMissing(f"{path} is not a postcode file of this version: rebuild it with `make assets`")
        (length,) = struct.unpack_from("<I", self._data, len(MAGIC))
        start = len(MAGIC) + 4
        meta = json.loads(self._data[start : start + length])
        self.header = Header(meta["areas"], meta["source"])
        first = _aligned(start + length)
        self._keys = _Keys(self._data, first, (len(self._data) - first) // RECORD)

    def __len__(self) -> int:
        return len(self._keys)

    def area_of(self, postcode_key: bytes) -> int | None:
        """The area number of one postcode, or None when the directory does not hold it."""
        index = bisect.bisect_left(self._keys, postcode_key)
        if index < len(self._keys) and self._keys[index] == postcode_key:
            return self._data[self._keys.start + index * RECORD + KEY]
        return None

    def areas_within(self, prefix: bytes) -> Counter[int]:
        """How many postcodes of each area start with ``prefix`` (a district or a sector)."""
        low = bisect.bisect_left(self._keys, prefix)
        high = bisect.bisect_left(self._keys, prefix + b"\xff", low)
        start = self._keys.start + low * RECORD + KEY
        return Counter(self._data[start : self._keys.start + high * RECORD : RECORD])


def _aligned(offset: int) -> int:
    return -(-offset // RECORD) * RECORD


@cache
def directory() -> PostcodeDirectory:
    """The process's one mapping of the built file."""
    return PostcodeDirectory(default_path())


def write(path: Path, records: Iterable[tuple[str, int]], areas: list[str], source: dict[str, str]) -> int:
    """Write the file from (7-character postcode, area number) pairs; returns how many postcodes."""
    rows = sorted({pcd.encode("ascii") + bytes([area]) for pcd, area in records if len(pcd) == KEY})
    meta = json.dumps({"areas": areas, "source": source}, separators=(",", ":")).encode()
    start = len(MAGIC) + 4 + len(meta)
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as file:
        file.write(MAGIC + struct.pack("<I", len(meta)) + meta + b"\0" * (_aligned(start) - start))
        file.write(b"".join(rows))
    temporary.replace(path)
    return len(rows)
