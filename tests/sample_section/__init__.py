"""A test-only app that adds a section to the monitor report through the registry, as a
domain app would (tests/monitoring/test_section_registry.py): it appears in every format
without any edit to monitoring."""
