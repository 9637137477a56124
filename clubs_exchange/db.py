"""The declarative base and the column types every model shares."""

import enum
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, registry

# Stable constraint names, so Alembic can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(sa.TypeDecorator):
    """An aware UTC datetime, stored naive so SQLite and PostgreSQL behave the same."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    # States and kinds are StrEnums stored by value as plain strings (no native enum types to migrate).
    registry = registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            enum.Enum: sa.Enum(
                enum.Enum,
                native_enum=False,
                create_constraint=False,
                length=32,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True,
            ),
            datetime: UTCDateTime(),
        },
    )


class LabelledEnum(enum.StrEnum):
    """A StrEnum whose members carry a translated label for forms and pages."""

    @classmethod
    def labels(cls) -> dict:
        """Override: {member: lazy_gettext("...")}."""
        return {}

    @property
    def label(self) -> str:
        return str(type(self).labels().get(self, self.value.replace("_", " ")))

    @classmethod
    def choices(cls) -> list:
        """Options for a SelectField (WTForms 3.3 wants SelectChoice, not tuples)."""
        from wtforms import SelectChoice

        # The lazy label itself, so a select built at import still speaks the request's language.
        labels = cls.labels()
        return [SelectChoice(value=m.value, label=labels.get(m, m.value)) for m in cls]
