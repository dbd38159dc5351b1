"""Invented data for demonstrations and benchmarks (``coach demo-data``): never real people."""
