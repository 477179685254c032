"""Each signed-in person's inbox and their choice of emails (issue 19, item 1)."""
