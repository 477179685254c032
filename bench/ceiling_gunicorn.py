"""gunicorn settings for the ceiling app: the register's ``gunicorn.conf.py``, less its hooks.

Every plain setting (workers, worker class, threads, keep-alive, timeouts, preload…) is read from
the register's file, so the two servers always run alike; its hooks (the refusal of unsafe
settings, the engine disposal after fork) belong to the register's app and are left out, except
``pre_fork``'s ``gc.freeze``, which helps any preloaded app, so the comparison stays fair.
"""

import runpy
from pathlib import Path

_register = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
globals().update(
    {
        name: value
        for name, value in _register.items()
        if not name.startswith("_") and not callable(value) and not hasattr(value, "__file__")
    }
)
pre_fork = _register["pre_fork"]
wsgi_app = "bench.ceiling:create_app()"
