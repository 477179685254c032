"""The local authority workspace: watchlist, recent changes, past checks and notifications."""
