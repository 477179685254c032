"""``make bench``: the register at scale under gunicorn, measured against the machine's ceiling.

``bench/run.py`` is the entry point; ``bench/results.md`` what a full run wrote last.
"""
