"""Registrars decide on training programmes: accredit, refuse, suspend, reinstate, withdraw."""
