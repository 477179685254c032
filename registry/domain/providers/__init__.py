"""Mediation providers: their public page, the mediators they deploy (with consent), and their staff's views."""
