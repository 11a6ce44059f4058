"""The IBIC vocabulary as plain Python.

Nothing in this package imports Flask or SQLAlchemy, so the rules of the
domain can be read and tested on their own.
"""
