"""``/providers``: the mediation providers on the register and each one's public page."""
