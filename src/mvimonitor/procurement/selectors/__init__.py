"""Reads of the tender register, one module per subject (tenders, contracts, ...).
Import from the submodules."""
