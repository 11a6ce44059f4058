"""The case history: what happened, when, and who did it for whom, for every role."""
