"""Stage 3, checked rules to periods: deadline sequences, labels, unrolling, and why a deadline
falls on its day."""
