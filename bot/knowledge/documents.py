"""Reading trainers' material: Markdown (concept cards or notes), plain text, PDF, Word and HTML.

Every format is turned into Markdown-ish text with ``#`` headings, so one splitter can keep the
heading path of each chunk whatever the file was. Plain-text notes have no markup, so short
stand-alone lines that look like headings (capitals or title case, no full stop) are promoted.
A file that cannot be read raises ``DocumentError`` naming it; the caller skips it and goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SUPPORTED = {".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm"}
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_WHITESPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


class DocumentError(Exception):
    """A file could not be read; the message says which and why."""


@dataclass(frozen=True)
class SourceDocument:
    source: str
    title: str
    kind: str  # "card" or "document"
    text: str
    card: dict[str, Any] = field(default_factory=dict)


def read_document(path: Path, *, source: str) -> SourceDocument:
    """Read one file into text with Markdown headings."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(f"{source}: unsupported file type {suffix or '(none)'}")
    try:
        if suffix in {".md", ".markdown"}:
            return _markdown(path, source)
        if suffix == ".txt":
            text = _plain_text_headings(_decode(path.read_bytes()))
        elif suffix == ".pdf":
            text = _pdf(path)
        elif suffix == ".docx":
            text = _docx(path)
        else:
            text = _html(_decode(path.read_bytes()))
    except DocumentError:
        raise
    except Exception as exc:  # every parser has its own errors; all mean "unreadable"
        raise DocumentError(f"{source}: cannot be read ({type(exc).__name__}: {exc})") from exc
    text = normalise(text)
    if not text.strip():
        raise DocumentError(f"{source}: no text found")
    return SourceDocument(source=source, title=_title(text, path), kind="document", text=text)


def normalise(text: str) -> str:
    """Unify whitespace: the Markdown splitter glues words together at tabs and NBSPs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [_WHITESPACE.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError("not UTF-8 or Windows-1252 text")


def _markdown(path: Path, source: str) -> SourceDocument:
    try:
        raw = _decode(path.read_bytes())
    except OSError as exc:
        raise DocumentError(f"{source}: cannot be read ({exc})") from exc
    match = _FRONT_MATTER.match(raw)
    card: dict[str, Any] = {}
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise DocumentError(f"{source}: front matter is not valid YAML") from exc
        card = loaded if isinstance(loaded, dict) else {}
        raw = raw[match.end() :]
    text = normalise(raw)
    if not text:
        raise DocumentError(f"{source}: no text found")
    is_card = bool(card.get("id") and card.get("title"))
    title = str(card.get("title") or _title(text, path))
    if is_card:
        # A card's title and summary say in plain words what it is about: they lead its text so
        # the first chunk is found by the question the card answers.
        summary = str(card.get("summary") or "").strip()
        text = f"# {title}\n\n{summary}\n\n{text}" if summary else f"# {title}\n\n{text}"
    return SourceDocument(
        source=source, title=title, kind="card" if is_card else "document", text=text, card=card
    )


def _looks_like_heading(line: str, before: str, after: str) -> bool:
    if not line or len(line) > 80 or before or after != "":
        return False
    if line.endswith((".", ",", ";", ":", "?", "!", "\u201d", '"')) or line.startswith(
        ("-", "■", "•")
    ):
        return False
    words = line.split()
    if len(words) > 10 or not any(c.isalpha() for c in line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return line.isupper() or capitalised >= max(1, len(words) - 2)


def _plain_text_headings(text: str) -> str:
    lines = normalise(text).split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else ""
        after = lines[index + 1] if index + 1 < len(lines) else ""
        if _looks_like_heading(line, before, after):
            out.append(f"## {line.title() if line.isupper() else line}")
        else:
            out.append(line)
    return "\n".join(out)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        raise DocumentError(f"{path.name}: the PDF is encrypted")
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts: list[str] = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        text = paragraph.text.strip()
        if not text:
            continue
        level = re.match(r"Heading (\d)", style)
        if level:
            parts.append("#" * min(int(level.group(1)), 6) + " " + text)
        elif style == "Title":
            parts.append("# " + text)
        else:
            parts.append(text)
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(parts)


def _html(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for unwanted in soup(["script", "style", "nav", "header", "footer", "noscript", "form"]):
        unwanted.decompose()
    parts: list[str] = []
    body = soup.body or soup
    for element in body.find_all(
        ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td"]
    ):
        text = " ".join(element.get_text(" ", strip=True).split())
        if not text:
            continue
        name = element.name or ""
        if name.startswith("h") and name[1:].isdigit():
            parts.append("#" * int(name[1:]) + " " + text)
        elif name == "li":
            parts.append("- " + text)
        else:
            parts.append(text)
    if not parts:
        parts.append(" ".join(body.get_text(" ", strip=True).split()))
    return "\n\n".join(parts)


def _title(text: str, path: Path) -> str:
    for line in text.split("\n"):
        stripped = line.lstrip("#").strip()
        if stripped:
            return stripped[:80]
    return path.stem
