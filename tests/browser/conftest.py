"""Browser fixtures live in tests/conftest.py, shared by every browser test."""
