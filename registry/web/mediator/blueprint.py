from __future__ import annotations

from flask import Blueprint

bp = Blueprint("mediator", __name__, url_prefix="/workspace/mediator")
