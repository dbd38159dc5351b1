"""Ingestion: every format, idempotent by content hash, replace on change, prune, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.documents import read_document
from bot.knowledge.ingest import ingest
from bot.knowledge.store import KnowledgeStore, open_client

PARAGRAPH = (
    "Residents on the Marsh estate said the repairs backlog made them distrust the council. "
    "The housing officer agreed to share the list of open jobs at every monthly meeting, and "
    "attendance rose once people could see progress for themselves. "
)


def _store(tmp_path: Path, embedder) -> KnowledgeStore:
    return KnowledgeStore(
        client=open_client(directory=tmp_path / "store", url=None), embedder=embedder
    )


def _pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in [text[i : i + 90] for i in range(0, len(text), 90)]:
        page.drawString(40, y, line)
        y -= 14
    page.save()


def _docx(path: Path, heading: str, text: str) -> None:
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    document.save(str(path))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "material"
    folder.mkdir()
    (folder / "notes.md").write_text(f"# Repairs\n\n## Trust\n\n{PARAGRAPH}\n", encoding="utf-8")
    (folder / "plain.txt").write_text(f"OPEN MEETINGS\n\n{PARAGRAPH.replace('Marsh', 'Hill')}\n")
    (folder / "page.html").write_text(
        f"<html><body><nav>menu</nav><h1>Listening</h1><p>{PARAGRAPH.replace('Marsh', 'Vale')}</p>"
        "<script>alert(1)</script></body></html>"
    )
    _pdf(folder / "report.pdf", PARAGRAPH.replace("Marsh", "Brook"))
    _docx(folder / "guide.docx", "Shared vision", PARAGRAPH.replace("Marsh", "Field"))
    return folder


def test_every_format_is_read_with_its_headings(corpus: Path) -> None:
    html = read_document(corpus / "page.html", source="page.html")
    assert (
        html.text.startswith("# Listening") and "alert" not in html.text and "menu" not in html.text
    )
    assert "Brook estate" in read_document(corpus / "report.pdf", source="r").text.replace(
        "\n", " "
    )
    assert read_document(corpus / "guide.docx", source="g").text.startswith("# Shared vision")
    assert read_document(corpus / "plain.txt", source="p").text.startswith("## Open Meetings")


def test_ingest_is_idempotent_by_content_hash(corpus: Path, tmp_path: Path, embedder) -> None:
    store = _store(tmp_path, embedder)
    first = ingest([corpus], store=store)
    assert sorted(first.added) == ["guide.docx", "notes.md", "page.html", "plain.txt", "report.pdf"]
    assert not first.failed
    count = store.count()
    again = ingest([corpus], store=store)
    assert (again.added, again.replaced, again.chunks) == ([], [], 0)
    assert len(again.unchanged) == 5
    assert store.count() == count


def test_a_changed_file_replaces_its_chunks(corpus: Path, tmp_path: Path, embedder) -> None:
    store = _store(tmp_path, embedder)
    ingest([corpus], store=store)
    (corpus / "notes.md").write_text(
        "# Repairs\n\nThe caretaker now walks the estate with residents every Friday morning.\n"
    )
    report = ingest([corpus], store=store)
    assert report.replaced == ["notes.md"]
    texts = [
        t
        for t, m in zip(store.corpus().texts, store.corpus().metadatas, strict=True)
        if m["source"] == "notes.md"
    ]
    assert texts and all("caretaker" in t for t in texts)
    assert all("Marsh" not in t for t in texts)


def test_prune_removes_files_no_longer_present(corpus: Path, tmp_path: Path, embedder) -> None:
    store = _store(tmp_path, embedder)
    ingest([corpus], store=store)
    (corpus / "page.html").unlink()
    kept = ingest([corpus], store=store)
    assert kept.removed == [] and "page.html" in store.sources()
    pruned = ingest([corpus], store=store, prune=True)
    assert pruned.removed == ["page.html"]
    assert "page.html" not in store.sources()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "cannot be read"),
        ("broken.docx", b"PK\x03\x04 not a zip", "cannot be read"),
        ("empty.md", b"   \n\n", "no text found"),
        (
            "bad-front-matter.md",
            b"---\nid: [unclosed\n---\nbody text here\n",
            "front matter is not valid YAML",
        ),
    ],
)
def test_an_unreadable_file_is_named_and_the_rest_still_ingests(
    corpus: Path, tmp_path: Path, embedder, name: str, content: bytes, reason: str
) -> None:
    (corpus / name).write_bytes(content)
    report = ingest([corpus], store=_store(tmp_path, embedder))
    assert len(report.added) == 5
    [problem] = report.failed
    assert problem.startswith(name) and reason in problem


def test_repeated_boilerplate_paragraphs_are_collapsed(tmp_path: Path, embedder) -> None:
    boilerplate = (
        "This series of conversations is convened by the network to explore how people from "
        "different sectors can work together on the places they share and care about."
    )
    sections = "\n\n".join(
        f"## Session {n}\n\n{boilerplate}\n\nIn session {n} the group talked about topic "
        f"number {n} and what it meant for the estate, with examples from housing and youth work."
        for n in range(1, 6)
    )
    path = tmp_path / "notes.md"
    path.write_text(f"# Notes\n\n{sections}\n")
    report = ingest([path], store=_store(tmp_path, embedder))
    assert report.duplicates_collapsed == 4


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "The caf\xe9 on the estate hosts the residents\x92 forum every month.".encode("latin-1")
    )
    assert "café" in read_document(path, source="legacy.txt").text
