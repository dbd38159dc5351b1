"""evaluator figures: the activity rollup and its mark, and two indexes for grouping

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import bot.store.models  # noqa: F401 - kept as in every migration

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_weeks",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("first_week", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_activity_weeks_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "week", name=op.f("pk_activity_weeks")),
    )
    with op.batch_alter_table("activity_weeks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activity_weeks_week_first_week", ["week", "first_week"], unique=False
        )
    op.create_table(
        "rollup_marks",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_rollup_marks")),
    )
    with op.batch_alter_table("reflection_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reflection_sessions_flow_participant",
            ["flow_id", "participant_id", "status", "started_at", "step_id"],
            unique=False,
        )
    with op.batch_alter_table("ledger_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ledger_items_kind_participant",
            ["kind", "participant_id", "status", "created_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("ledger_items", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_items_kind_participant")
    with op.batch_alter_table("reflection_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_reflection_sessions_flow_participant")
    op.drop_table("rollup_marks")
    with op.batch_alter_table("activity_weeks", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_weeks_week_first_week")
    op.drop_table("activity_weeks")
