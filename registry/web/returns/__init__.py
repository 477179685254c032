"""The mediation provider workspace's outcome returns: by form or CSV, corrections as new revisions."""
