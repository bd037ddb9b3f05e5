"""Benchmarks; each prints JSON lines (see bench/README.md). Run them from the repository root."""
