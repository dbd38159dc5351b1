"""Splitting documents into passages, keeping each passage's heading path, without repeats.

Chunks of about 800 characters retrieved best on the seeds (500 and 1,000 both did worse). The
heading path ("Shared vision > Short-term participation") travels as metadata rather than being
prefixed to the text, because prefixing it lowered the dense scores. Some notes repeat the same
boilerplate paragraph in many sections; near-duplicate chunks within a file are collapsed into
the first, which records how many it stands for, so repeats cannot crowd out search results.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from bot.knowledge.documents import SourceDocument

CHUNK_SIZE = 800
CHUNK_OVERLAP = 120
SHINGLE = 5
NEAR_DUPLICATE = 0.8
HEADINGS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    metadata: dict[str, str | int]


def split(document: SourceDocument, *, file_hash: str) -> tuple[list[Chunk], int]:
    """The document's chunks and how many near-duplicates were collapsed."""
    text, collapsed = _drop_repeated_paragraphs(document.text)
    by_heading = MarkdownHeaderTextSplitter(HEADINGS, strip_headers=False).split_text(text)
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
    )
    kept: list[tuple[str, str]] = []
    counts: list[int] = []
    seen = _NearDuplicates()
    for section in by_heading:
        path = " > ".join(
            str(section.metadata[key]) for _, key in HEADINGS if key in section.metadata
        )
        for piece in splitter.split_text(section.page_content):
            text = piece.strip()
            if len(_TOKEN.findall(text.lower())) < 4:
                continue
            duplicate = seen.match_or_add(text)
            if duplicate is not None:
                counts[duplicate] += 1
                collapsed += 1
                continue
            kept.append((text, path))
            counts.append(1)
    chunks = []
    for index, ((text, path), count) in enumerate(zip(kept, counts, strict=True)):
        metadata: dict[str, str | int] = {
            "source": document.source,
            "title": document.title,
            "kind": document.kind,
            "headings": path,
            "file_hash": file_hash,
            "position": index,
            "copies": count,
        }
        if document.kind == "card":
            metadata["card_id"] = str(document.card.get("id"))
            metadata["summary"] = str(document.card.get("summary") or "")
            metadata["cites"] = ", ".join(str(s) for s in document.card.get("sources") or [])
        chunk_id = f"{document.source}#{file_hash[:12]}#{index}"
        chunks.append(Chunk(id=chunk_id, text=text, metadata=metadata))
    return chunks, collapsed


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _drop_repeated_paragraphs(text: str) -> tuple[str, int]:
    """Remove long paragraphs that repeat an earlier one (boilerplate pasted into each section)."""
    seen = _NearDuplicates()
    kept: list[str] = []
    dropped = 0
    for paragraph in text.split("\n"):
        long_enough = len(_TOKEN.findall(paragraph.lower())) >= 12
        if (
            long_enough
            and not paragraph.startswith("#")
            and seen.match_or_add(paragraph) is not None
        ):
            dropped += 1
            continue
        kept.append(paragraph)
    return "\n".join(kept), dropped


class _NearDuplicates:
    """Finds an earlier text whose word 5-grams overlap this one's by Jaccard >= 0.8.

    An inverted index from shingle to texts keeps this linear in practice: only texts sharing a
    shingle are compared.
    """

    def __init__(self) -> None:
        self._sizes: list[int] = []
        self._index: dict[str, list[int]] = {}

    def match_or_add(self, text: str) -> int | None:
        shingles = _shingles(text)
        overlap: dict[int, int] = {}
        for shingle in shingles:
            for other in self._index.get(shingle, ()):
                overlap[other] = overlap.get(other, 0) + 1
        for other, shared in overlap.items():
            union = len(shingles) + self._sizes[other] - shared
            if union and shared / union >= NEAR_DUPLICATE:
                return other
        number = len(self._sizes)
        self._sizes.append(len(shingles))
        for shingle in shingles:
            self._index.setdefault(shingle, []).append(number)
        return None


def _shingles(text: str) -> set[str]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) <= SHINGLE:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
