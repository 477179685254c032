"""Keeping accounts safe: password rules, sessions that end, the second factor, sign-in attempts
and single-use account links. Pages and the CLI call these; nothing here touches the request."""
