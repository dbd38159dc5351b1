"""Consent records: what each person agreed to, against which version of the privacy notice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CTE, ColumnElement, case, func, select
from sqlalchemy.orm import Session

from bot.store.models import (
    ConsentRecord,
    EngagementEvent,
    EventType,
    Participant,
    ReflectionSession,
)

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
    for purpose, granted in choices.items():
        if purpose not in PURPOSES:
            raise ValueError(f"unknown consent purpose {purpose!r}")
        session.add(
            ConsentRecord(
                participant_id=participant_id,
                purpose=purpose,
                granted=granted,
                notice_version=version,
                recorded_at=at,
            )
        )


def record_first_consent(
    *,
    session: Session,
    participant: Participant,
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
    session.add(
        EngagementEvent(
            participant_id=participant.id,
            cohort_id=participant.cohort_id,
            type=EventType.CONSENT_GIVEN,
            detail=f"share={int(share)} model={int(model)}",
            occurred_at=at,
        )
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


def sharing_participants(people: CTE) -> CTE:
    """``coach_visible_sessions``'s consent rule for many people at once: the ids among
    ``people`` (a CTE with a ``participant_id`` column) whose current choices, all three
    purposes answered, are to keep and to share. For pages listing a whole caseload."""
    latest = (
        select(func.max(ConsentRecord.id).label("id"))
        .join(people, people.c.participant_id == ConsentRecord.participant_id)
        .where(ConsentRecord.purpose.in_(PURPOSES))
        .group_by(ConsentRecord.participant_id, ConsentRecord.purpose)
        .subquery("latest")
    )

    def granted(purpose: str) -> ColumnElement[int]:
        chosen = (ConsentRecord.purpose == purpose) & ConsentRecord.granted.is_(True)
        return func.sum(case((chosen, 1), else_=0))

    return (
        select(ConsentRecord.participant_id)
        .join(latest, latest.c.id == ConsentRecord.id)
        .group_by(ConsentRecord.participant_id)
        .having(func.count() == len(PURPOSES), granted("keep") == 1, granted("share") == 1)
        .cte("sharing")
    )
