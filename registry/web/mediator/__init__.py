"""The mediator's workspace pages: profile, declarations, log, compliance, renewal, their data."""
