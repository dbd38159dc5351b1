"""Evaluator pages. Evaluators see aggregates only, never a participant; the figures (with
small-count suppression) come in a later part, so for now this page shows no data at all."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.web.access import Staff
from bot.web.context import Web

router = APIRouter(prefix="/evaluator")


@router.get("")
def evaluator_home(request: Request, web: Web, staff: Staff) -> Response:
    """The evaluator's landing page (aggregates to come; nothing about any person)."""
    return web.templates.render(request, "evaluator/home.html")
