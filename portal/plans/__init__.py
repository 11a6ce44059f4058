"""Uppdrag and genomförandeplan, agreed with the person."""
