"""Import and export of the tender register (tenders, contracts) as spreadsheets, with
the rules and the generic pieces of the plan import (mvimonitor.exchange). See
docs/adr/0010-contracts-and-tender-exchange.md."""
