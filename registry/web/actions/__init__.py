"""The oversight actions an organisation owns, the reviews of it, and its responses (any organisation role)."""
