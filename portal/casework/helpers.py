"""The staff shell's blueprint."""

from flask import Blueprint

bp = Blueprint("casework", __name__, url_prefix="/handlaggare")
