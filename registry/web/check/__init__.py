"""Check registration numbers: one, or up to 1,000 pasted or uploaded, as at a date; results as CSV."""
