"""Accredited training, for everyone: the list of programmes and each programme's page."""
