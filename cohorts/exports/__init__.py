"""Adviser tables as a header and rows, for `core.csv.csv_response`."""
