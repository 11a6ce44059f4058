"""Secure messages per case, and content-free notifications."""
