"""One-time account links, for people who are not signed in: accepting an invitation, asking for
a password reset, and choosing a new password through a reset link."""
