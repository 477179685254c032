"""The oversight workspace: the blueprint is in ``routes``; ``audits`` adds the CPD audit pages to it."""
