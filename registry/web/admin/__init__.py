"""The register operator's workspace: organisations, people and the audit trail."""
