"""Raise a concern about a mediator or provider; registrars' list of concerns routed to their body."""
