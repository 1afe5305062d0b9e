"""What several domain apps share and none of them owns: the rules of dated history and
optimistic locking, the result of an all-or-nothing import, showing a stored code in
words, and how long a text a user fills may be. Plain modules without models; the kernel
imports no domain app's models, so every app may use it."""
