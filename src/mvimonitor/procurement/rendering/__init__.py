"""One module per subject; import from the submodules."""
