"""The real lens through the whole coach: loaded at start by the composition root, a probe after
a free-text answer, labels stored (never words), shown in /progress, exported, and erased."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.lens.content import LensContent
from bot.lens.detector import LensDetector
from bot.services import Services
from bot.store.models import Answer, LensLabel

from drivers import ServiceDriver


def _probes(content: LensContent) -> set[str]:
    return {p.text for probes in content.probes.values() for p in probes}


def test_the_real_lens_labels_answers_probes_once_and_is_erased_with_the_person(
    lens_services: Services, clock
) -> None:
    assert isinstance(getattr(lens_services.lens, "lens", None), LensDetector)
    probes = _probes(lens_services.content.lens)
    driver = ServiceDriver(lens_services, clock, participant="lens-1")
    driver.command("/respond")
    driver.say("The council never clears the bins and the caretaker is useless")  # quiet step
    assert not probes & {line for reply in driver.last for line in reply.text.split("\n\n")}
    driver.press("3")
    driver.say("Nobody on this estate ever reports anything, not one single person, ever")
    asked = [p for p in probes if p in driver.text]
    assert len(asked) == 1, driver.text
    driver.say("Well, Mrs Patel at number 4 reported the lights last winter")
    assert not any(p in driver.text for p in probes)
    driver.say("I'll ask the caretaker tomorrow what he sees on his rounds")
    with lens_services.database.transaction() as session:
        rows = session.execute(
            select(LensLabel.step_id, LensLabel.answer_kind, LensLabel.label)
        ).all()
        probe_answer = session.scalar(select(Answer.text).where(Answer.step_kind == "probe"))
    kinds = {(step, kind) for step, kind, _ in rows}
    assert {("problem", "question"), ("own_part", "question"), ("own_part", "probe")} <= kinds
    assert ("own_part", "question", "absolutes") in rows
    assert ("response", "question", "ownership") in rows
    assert probe_answer is not None and "Patel" not in probe_answer  # redacted like any answer

    driver.command("/progress")
    assert "How you've been putting things:" in driver.text

    driver.command("/export")
    [document] = [r.document for r in driver.last if r.document is not None]
    exported = json.loads(document.content)
    labels = exported["reflections"][0]["lens_labels"]
    assert {"step_id", "answer_kind", "label", "confidence", "labelled_at"} == set(labels[0])

    driver.command("/delete")
    driver.press("Yes, erase everything")
    with lens_services.database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(LensLabel)) == 0
