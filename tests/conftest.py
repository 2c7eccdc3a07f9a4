"""Shared fixtures. Unit tests need nothing; integration tests get their own DynamoDB Local and moto."""
