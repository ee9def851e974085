"""Stage 4, periods to states: facts bound to a checked ruleset, filings assigned to periods,
the escalation ladder, evaluation and inspection of one period."""
