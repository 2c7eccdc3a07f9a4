"""The integration tests use the fixtures of `tests/conftest.py` and the helpers of `tests/support.py`."""
