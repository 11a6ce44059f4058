"""Uppföljning: goals, quality of the support, quality of life."""
