"""Handling concerns: the body (or oversight) triages, investigates and decides; the public follows by reference."""
