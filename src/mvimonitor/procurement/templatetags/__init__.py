"""Template tags of the tender register, one module per subject."""
