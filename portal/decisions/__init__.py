"""Beslut per insats, in the structure the person can read."""
