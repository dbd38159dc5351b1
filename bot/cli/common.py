"""Shared CLI plumbing: building settings and services with readable errors."""

from __future__ import annotations

import click
from pydantic import ValidationError

from bot.coaching_questions import CoachingQuestionsError
from bot.flows.library import FlowFileError
from bot.lens.artefact import LensModelError
from bot.lens.content import LensContentError
from bot.safety.patterns import PatternFileError
from bot.safety.semantic import ClassifierFileError
from bot.safety.signposting import SignpostingFileError
from bot.services import Content, Services, build_services, load_content
from bot.settings import Settings, SettingsError
from bot.wording import MessagesFileError

CONTENT_ERRORS = (
    FlowFileError,
    MessagesFileError,
    SignpostingFileError,
    CoachingQuestionsError,
    PatternFileError,
    ClassifierFileError,
    SettingsError,
    LensContentError,
    LensModelError,
)


def settings() -> Settings:
    try:
        return Settings()
    except (ValidationError, SettingsError) as exc:
        raise click.ClickException(f"invalid settings: {exc}") from exc


def services() -> Services:
    """Build the services, refusing to start on invalid settings or content."""
    try:
        return build_services(settings())
    except CONTENT_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc


def content() -> Content:
    try:
        return load_content(settings())
    except CONTENT_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
