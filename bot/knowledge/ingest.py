"""``coach knowledge ingest``: files into the store, idempotently by content hash.

Unchanged files (same source name, same sha256) are skipped without being read; a changed file
has its chunks replaced; ``prune`` removes sources no longer present. A file that cannot be read
is reported by name and skipped, and the rest still goes in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.chunking import content_hash, split
from bot.knowledge.documents import SUPPORTED, DocumentError, read_document
from bot.knowledge.store import KnowledgeStore

SKIPPED_NAMES = {"readme.md", "provenance.md"}


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    chunks: int = 0
    duplicates_collapsed: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            f"{len(self.failed)} failed; {self.chunks} chunks written, "
            f"{self.duplicates_collapsed} near-duplicates collapsed"
        )


def discover(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Every supported file under ``paths`` with its source name (relative to the path given)."""
    found: list[tuple[Path, str]] = []
    for root in paths:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                wanted = path.is_file() and path.suffix.lower() in SUPPORTED
                if wanted and path.name.lower() not in SKIPPED_NAMES:
                    found.append((path, path.relative_to(root).as_posix()))
        else:
            found.append((root, root.name))
    return found


def ingest(
    paths: Iterable[Path],
    *,
    store: KnowledgeStore,
    prune: bool = False,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Bring the store in line with the files under ``paths``."""
    report = IngestReport()
    stored = store.sources()
    present: set[str] = set()
    for path, source in discover(paths):
        present.add(source)
        if progress:
            progress(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.failed.append(f"{source}: cannot be read ({exc.strerror or exc})")
            continue
        file_hash = content_hash(data)
        if stored.get(source) == file_hash:
            report.unchanged.append(source)
            continue
        try:
            document = read_document(path, source=source)
        except DocumentError as exc:
            report.failed.append(str(exc))
            continue
        chunks, collapsed = split(document, file_hash=file_hash)
        store.replace(source, chunks)
        report.chunks += len(chunks)
        report.duplicates_collapsed += collapsed
        (report.replaced if source in stored else report.added).append(source)
    if prune:
        for source in sorted(set(stored) - present):
            store.delete_source(source)
            report.removed.append(source)
    return report
