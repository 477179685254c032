"""Registrars' pages for mediators' logs and renewal requests, under /workspace/registrar."""
