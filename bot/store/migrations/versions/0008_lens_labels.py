"""lens labels: the reasoning lens's reading of each free-text answer

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lens_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(length=24), nullable=False),
        sa.Column("answer_kind", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=24), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("labelled_at", bot.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["reflection_sessions.id"],
            name=op.f("fk_lens_labels_session_id_reflection_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lens_labels")),
    )
    with op.batch_alter_table("lens_labels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lens_labels_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lens_labels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lens_labels_session_id"))
    op.drop_table("lens_labels")
