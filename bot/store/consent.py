"""Consent records: what each person agreed to, against which version of the privacy notice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, ScalarSelect, and_, func, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.store.models import (
    ConsentRecord,
    EngagementEvent,
    EventType,
    ReflectionSession,
)
from bot.store.participants import Person

PURPOSES = ("keep", "share", "model")


@dataclass(frozen=True)
class RecordedConsent:
    """The latest choice per purpose, and the notice version of the oldest of them (a person
    agreed to the current notice only if every current choice was made under it)."""

    keep: bool
    share: bool
    model: bool
    version: str


def record_choices(
    *, session: Session, participant_id: int, choices: dict[str, bool], version: str, at: datetime
) -> None:
    """Append one row per purpose given; earlier rows stay as the history."""
    unknown = set(choices) - set(PURPOSES)
    if unknown:
        raise ValueError(f"unknown consent purpose {sorted(unknown)[0]!r}")
    session.execute(
        insert(ConsentRecord),
        [
            {
                "participant_id": participant_id,
                "purpose": purpose,
                "granted": granted,
                "notice_version": version,
                "recorded_at": at,
            }
            for purpose, granted in choices.items()
        ],
    )


def record_first_consent(
    *,
    session: Session,
    participant: Person,
    share: bool,
    model: bool,
    version: str,
    at: datetime,
) -> None:
    """The three answers given at first contact, and a text-free event for the evaluators."""
    record_choices(
        session=session,
        participant_id=participant.id,
        choices={"keep": True, "share": share, "model": model},
        version=version,
        at=at,
    )
    session.execute(
        insert(EngagementEvent),
        [
            {
                "participant_id": participant.id,
                "cohort_id": participant.cohort_id,
                "type": str(EventType.CONSENT_GIVEN),
                "detail": f"share={int(share)} model={int(model)}",
                "occurred_at": at,
            }
        ],
    )


def current_consent(*, session: Session, participant_id: int) -> RecordedConsent | None:
    """None until all three purposes have been answered."""
    latest = (
        select(func.max(ConsentRecord.id))
        .where(ConsentRecord.participant_id == participant_id)
        .group_by(ConsentRecord.purpose)
    )
    rows = session.execute(
        select(ConsentRecord.purpose, ConsentRecord.granted, ConsentRecord.notice_version).where(
            ConsentRecord.id.in_(latest)
        )
    ).all()
    found = {purpose: (granted, version) for purpose, granted, version in rows}
    if set(found) != set(PURPOSES):
        return None
    versions = {version for _, version in found.values()}
    return RecordedConsent(
        keep=found["keep"][0],
        share=found["share"][0],
        model=found["model"][0],
        version=min(versions) if len(versions) > 1 else versions.pop(),
    )


def coach_visible_sessions(*, session: Session, participant_id: int) -> Sequence[ReflectionSession]:
    """The reflections a coach may read: none unless the person's current choice is to share,
    and never one they marked private. Every coach-facing view must read through this."""
    consent = current_consent(session=session, participant_id=participant_id)
    if consent is None or not consent.keep or not consent.share:
        return []
    return session.scalars(
        select(ReflectionSession)
        .where(
            ReflectionSession.participant_id == participant_id,
            ReflectionSession.private.is_(False),
        )
        .order_by(ReflectionSession.number)
    ).all()


def sharing_now(
    participant_id: ColumnElement[int] | InstrumentedAttribute[int],
) -> ColumnElement[bool]:
    """``coach_visible_sessions``'s consent rule as a column, for pages listing many people in
    one statement: whether the person with ``participant_id`` (a column of the outer query)
    has answered all three purposes and currently chooses to keep and to share."""

    def latest(purpose: str) -> ScalarSelect[bool]:
        return (
            select(ConsentRecord.granted)
            .where(ConsentRecord.participant_id == participant_id, ConsentRecord.purpose == purpose)
            .order_by(ConsentRecord.id.desc())
            .limit(1)
            .scalar_subquery()
        )

    return and_(latest("keep").is_(True), latest("share").is_(True), latest("model").is_not(None))
