"""Working groups as a tree; collectives' members as rows; cascaded leads remember their collective.

Every existing working group becomes a root (``parent_id`` empty, level ``tinh``): a deployment of
revision 0002 is the province, and communes are added under it. Nothing is rewritten: the new
columns are empty and the new table starts empty (collectives without members keep behaving as one
agency, as before).

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('working_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('level', sa.String(length=16), server_default='tinh', nullable=False))
        batch_op.create_foreign_key(
            batch_op.f('fk_working_groups_parent_id_working_groups'), 'working_groups', ['parent_id'], ['id']
        )
        batch_op.create_index(batch_op.f('ix_working_groups_parent_id'), ['parent_id'], unique=False)
    op.create_table(
        'agency_members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('collective_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['collective_id'], ['agencies.id'], name=op.f('fk_agency_members_collective_id_agencies')
        ),
        sa.ForeignKeyConstraint(['member_id'], ['agencies.id'], name=op.f('fk_agency_members_member_id_agencies')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_members')),
        sa.UniqueConstraint('collective_id', 'member_id', name='uq_agency_members'),
    )
    with op.batch_alter_table('agency_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_members_collective_id'), ['collective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_members_member_id'), ['member_id'], unique=False)
    with op.batch_alter_table('task_leads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('via_agency_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_task_leads_via_agency_id_agencies'), 'agencies', ['via_agency_id'], ['id']
        )
        batch_op.create_index(batch_op.f('ix_task_leads_via_agency_id'), ['via_agency_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('task_leads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_leads_via_agency_id'))
        batch_op.drop_constraint(batch_op.f('fk_task_leads_via_agency_id_agencies'), type_='foreignkey')
        batch_op.drop_column('via_agency_id')
    op.drop_table('agency_members')
    with op.batch_alter_table('working_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_groups_parent_id'))
        batch_op.drop_constraint(batch_op.f('fk_working_groups_parent_id_working_groups'), type_='foreignkey')
        batch_op.drop_column('level')
        batch_op.drop_column('parent_id')
