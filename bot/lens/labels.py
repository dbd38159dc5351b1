"""The lens's labels: four aims of defensive reasoning, four thinking traps, ownership, none.

The order here is the order of the classifier's rows; the artefact records it and is refused if
it differs, so a label can never be read off the wrong row.
"""

from __future__ import annotations

LABELS: tuple[str, ...] = (
    "unilateral_control",
    "win_not_lose",
    "suppress_feelings",
    "appear_rational",
    "blame_out_there",
    "absolutes",
    "mind_reading",
    "resignation",
    "ownership",
    "none",
)
NONE = "none"
# The defensive patterns and traps: what a probe may question. Ownership is the other side.
DEFENSIVE: tuple[str, ...] = LABELS[:8]
OWNERSHIP = "ownership"
