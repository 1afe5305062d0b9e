"""What several domain apps share and none of them owns: the rules of dated history and
optimistic locking, the result of an all-or-nothing import, showing a stored code in
words, how long a text a user fills may be, and a worker's lease on a job. Plain modules
and abstract models (no tables); the kernel imports no domain app's models, so every app
may use it."""
