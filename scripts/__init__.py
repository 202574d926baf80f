"""Build, set-up and serve scripts (importable so the tests can reuse the server)."""
