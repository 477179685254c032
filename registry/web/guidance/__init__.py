"""Guidance for families on the routes to resolve a disagreement with a local authority."""
