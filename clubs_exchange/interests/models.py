"""Exchange interests: an organisation's standing wish to meet a counterpart in a partner city."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import AgeGroup, Organisation
from clubs_exchange.partners.models import PartnerCity


class InterestKind(LabelledEnum):
    SEND_GROUP = "send_group"
    HOST_GROUP = "host_group"
    JOINT_EVENT = "joint_event"
    PUPIL_EXCHANGE = "pupil_exchange"
    ONLINE_EXCHANGE = "online_exchange"

    @classmethod
    def labels(cls):
        return {
            cls.SEND_GROUP: _l("Send a group"),
            cls.HOST_GROUP: _l("Host a group"),
            cls.JOINT_EVENT: _l("Joint event"),
            cls.PUPIL_EXCHANGE: _l("Pupil exchange"),
            cls.ONLINE_EXCHANGE: _l("Online exchange"),
        }


class ExchangeInterest(db.Model):
    __tablename__ = "exchange_interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    # None means: any partner city.
    partner_city_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partner_cities.id", ondelete="SET NULL"))
    kind: Mapped[InterestKind]
    activity: Mapped[str] = mapped_column(sa.String(120))
    group_size: Mapped[int | None]
    age_group: Mapped[AgeGroup | None]
    # The preferred period as whole months: the first day of the first and of the last month.
    period_from: Mapped[date | None]
    period_to: Mapped[date | None]
    beds_offered: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    is_open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    partner_city: Mapped[PartnerCity | None] = relationship()
