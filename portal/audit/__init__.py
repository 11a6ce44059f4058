"""The access log: who, acting as whom, did what to which record, when."""
