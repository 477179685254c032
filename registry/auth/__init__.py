"""Who may do what: capabilities per role, pure predicates, decorators, and sign-in wiring."""
