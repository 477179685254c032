"""Proof that travels (issue 18): what the register signs, and how anyone checks it.

- ``jose``: the one JWS layer, ``sign_jws`` and ``verify_jws``, on the register's keyring
  (``registry/domain/signing.py``). Everything the register hands out signed goes through it.
"""
