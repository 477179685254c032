"""Proof that travels (issue 18): what the register signs, and how anyone checks it.

- ``jose``: the one JWS layer, ``sign_jws`` and ``verify_jws``, on the register's keyring
  (``registry/domain/signing.py``). Everything the register hands out signed goes through it.
- ``identity``: the register to a verifier: its ``did:web``, its public keys (JWK set, DID document),
  the addresses of its status lists.
- ``status``: each accreditation's (and programme's) position on the two Bitstring Status Lists, its
  bits kept in step with its events, and the encoded lists.
- ``issuing``: the accreditation credentials (Open Badges 3.0 shape, VC-JWT) and the signed status lists.
- ``verification``: one ``verify`` for the page, the API and the CLI, dispatching on the JWS ``typ``
  to a verifier (``vc`` for credentials; its docstring says how to add another), which answers a
  ``verdicts.Verdict``.
"""
