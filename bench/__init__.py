"""Benchmarks: `make bench` runs every bench/bench_*.py module's main() and prints its figures.

Speed and memory targets live here, never in timed unit tests. Run one with
`.venv/bin/python -m bench NAME` (e.g. `engine`).
"""
