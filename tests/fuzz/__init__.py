"""Fuzzing every importer with generated workbooks (issue 12, quality bar): whatever the
file, an import returns problems or a result, never raises, and saves all of its rows
or none (tests/fuzz/properties.py). `make test` runs a few dozen examples per importer,
`make fuzz` thousands (the hypothesis profiles in tests/conftest.py). What the fuzzing
found is kept as small tests of their own in test_found.py."""
