"""Benchmarks (`make bench`): they print the figures of ARCHITECTURE.md "Budgets"; they assert nothing."""
