"""MVI Monitor: keep, monitor and report on an MVI action plan."""
