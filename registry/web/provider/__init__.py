"""The mediation provider workspace: the provider's public page, its panel of mediators, the local
authorities that commission it, and the concerns raised about it (outcome returns: ``web/returns``)."""
