"""Build the front-end assets from node_modules (run by ``make assets``; never imported by the app).

- compiles ``registry/static/src/register.scss`` (GOV.UK Frontend with a system font) with Sass;
- copies GOV.UK Frontend's fonts, images and manifest (served at ``/assets/``) and its JS bundle;
- copies axe-core for the accessibility tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from registry.config import PROJECT_ROOT

NODE_MODULES = PROJECT_ROOT / "node_modules"
STATIC = PROJECT_ROOT / "registry" / "static"


def build() -> None:
    govuk = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
    if not govuk.is_dir():
        sys.exit("node_modules/govuk-frontend is missing: run `npm ci` first (make assets does).")
    out = STATIC / "govuk"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(NODE_MODULES / ".bin" / "sass"),
            "--quiet",
            "--no-source-map",
            "--style=compressed",
            f"--load-path={NODE_MODULES}",
            str(STATIC / "src" / "register.scss"),
            str(out / "register.css"),
        ],
        check=True,
    )
    # The GDS Transport fonts are left out on purpose: the register uses a system font.
    shutil.copytree(govuk / "assets", out / "assets", dirs_exist_ok=True, ignore=shutil.ignore_patterns("fonts"))
    shutil.copy2(govuk / "govuk-frontend.min.js", out / "govuk-frontend.min.js")
    axe = STATIC / "axe"
    axe.mkdir(exist_ok=True)
    shutil.copy2(NODE_MODULES / "axe-core" / "axe.min.js", axe / "axe.min.js")
    print(f"Assets built in {out.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    build()
