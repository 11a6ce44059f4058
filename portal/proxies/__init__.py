"""Ombud: fullmakt given by the person, god man and förvaltare from court."""
