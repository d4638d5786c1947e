"""The services: the outbox queue and one desk per step of the procedure, for the handlers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.config import Settings
from bot.delivery import Outbox
from bot.factory.workshop import build_workshop
from bot.i18n import Translator
from bot.services.base import Kit
from bot.services.client_time import ClientTime
from bot.services.deal.changes import DealChanges
from bot.services.deal.client_change import ClientChange
from bot.services.deal.legal import LegalCheck
from bot.services.deal.selection import DealChoices
from bot.services.deal.stages import DealDesk
from bot.services.deal.status import DealStatus
from bot.services.desk.bans import Bans
from bot.services.desk.calls import CallDesk
from bot.services.desk.client import ClientDesk
from bot.services.desk.feedback import Feedback
from bot.services.desk.lead import LeadDesk
from bot.services.desk.manager import ManagerDesk
from bot.services.desk.optout import OptOut
from bot.services.desk.people import People
from bot.services.desk.relay import Relay
from bot.services.desk.replies import SavedReplies
from bot.services.desk.search import SearchDesk
from bot.services.desk.topics import Topics
from bot.services.flows import Flows
from bot.services.followups.answers import Answers
from bot.services.followups.deviations import Deviations
from bot.services.followups.digest import Digest
from bot.services.followups.jobs import Followups
from bot.services.followups.nags import Nags
from bot.services.followups.owed import OwedWork
from bot.services.followups.survey import SurveyFlow
from bot.services.followups.tasks import DueTasks
from bot.services.handover.car import CarDesk
from bot.services.handover.handover import Handover
from bot.services.inspection.reactions import Reactions
from bot.services.inspection.reports import Inspections
from bot.services.inspection.viewings import Viewings
from bot.services.intake.cards import Cards
from bot.services.intake.desk import IntakeDesk
from bot.services.intake.flow import IntakeFlow
from bot.services.intake.source import LeadSources
from bot.services.money.offers import Offers
from bot.services.money.payments import Payments
from bot.services.news import DealNews
from bot.services.privacy.client import DataRights
from bot.services.privacy.desk import PrivacyDesk
from bot.services.privacy.erasure import Erasure
from bot.services.privacy.roles import AdminDirectory, Roles
from bot.services.stats.desk import BySource, StatsDesk
from bot.services.timing import Timing
from bot.services.workshop.desk import Workshop
from bot.services.workshop.reports import WithWorkshop
from bot.services.zones import ClientZones, ZoneWords
from storage.db import Database


@dataclass(frozen=True)
class Services:
    outbox: Outbox
    followups: Followups
    deal: DealDesk
    inspections: Inspections
    client_desk: ClientDesk
    manager_desk: ManagerDesk
    stats_desk: StatsDesk
    erasure: Erasure  # privacy (issue 15)
    privacy_desk: PrivacyDesk
    bans: Bans
    topics: Topics
    saved_replies: SavedReplies
    calls: CallDesk
    changes: DealChanges
    search: SearchDesk
    choices: DealChoices
    lead_desk: LeadDesk
    opt_out: OptOut  # STOP and START to SMS (docs/sms.md)
    people: People  # one person on every channel
    car_desk: CarDesk  # the car on file (issue 23)
    legal_check: LegalCheck  # the deal's legal check (issue 23)
    payments: Payments
    offers: Offers
    viewings: Viewings  # viewings and test drives of a reported car (issue 23)
    workshop: Workshop | None = None  # the service workshop, when WORKSHOP_HOURS is set


def build_timing(settings: Settings) -> Timing:
    return Timing(
        satisfaction_check=settings.satisfaction_check_delay,
        long_followup=settings.long_followup_delay,
        progress_interval=settings.progress_update_interval,
        reply_sla=settings.reply_sla,
        digest_time=settings.digest_time,
        contact_hours=settings.hours,
        timezone=settings.tz,
        business_days=settings.workdays,
        working=settings.working_time,
        critique_reply=settings.critique_reply,
        extra_service_reply=settings.extra_service_reply,
    )


def build_services(
    settings: Settings, db: Database, translate: Translator, clock: Clock, admins: AdminDirectory
) -> Services:
    """One desk per step of the procedure, each given the steps it calls. `admins`: the
    manager group's administrators, as the messenger tells them (privacy roles)."""
    outbox = Outbox(clock, settings.groups, sms=settings.sms_enabled)
    kit = Kit(db, outbox, translate, clock, settings.workshop_enabled)
    timing = build_timing(settings)
    flows = Flows()  # filled below, once the steps that run them are built
    owed_work = OwedWork(kit, timing, flows)
    workshop = build_workshop(settings, kit, owed_work)
    intake = IntakeFlow(translate, clock, settings.phone_region)
    zone_words = ZoneWords(translate, clock, settings.tz)  # the client's time zone
    zones = ClientZones(kit, zone_words)
    cards = Cards(translate, intake, zone_words, settings.hours)
    survey = SurveyFlow(kit, settings.review_url, settings.review_reminder_delay)
    tasks = DueTasks(kit, survey, timing, owed_work)
    owed_work.register(*tasks.kinds())  # what each kind of owed work does, one registration each
    if workshop is not None:
        owed_work.register(*workshop.due_kinds())
    news = DealNews(kit, cards)
    offers = Offers(kit, news, settings.tz, settings.payment_url, flows)
    owed_work.register(*offers.due_kinds())
    times = ClientTime(translate, settings.tz)  # a client's times: one place for their zone
    answers = Answers(kit, timing)  # promised answers: a critique's, an accepted service's
    owed_work.register(*answers.kinds())
    handover = Handover(kit, news, settings.services, answers, times)
    inspections = Inspections(kit, news, timedelta(seconds=settings.report_photo_window),
                              settings.tolerance)
    topics = Topics(kit, cards, settings.closed_topic_reopen_within, settings.new_topics_per_minute,
                    settings.hold_lone_first_message)
    relay = Relay(kit, topics, timing.working, times)
    erasure = Erasure(kit, settings.retention_period)
    lead_sources = LeadSources(kit, settings.sources)  # issue 23
    changes = DealChanges(kit, news, intake, zones, lead_sources)
    intake_desk = IntakeDesk(kit, intake, cards, tasks, zones, topics, lead_sources)
    feedback = Feedback(kit, relay, intake, answers, times, settings.owners)
    reactions, change = Reactions(kit, flows), ClientChange(kit, intake, changes)
    viewings = Viewings(kit, flows, settings.tz, settings.viewing_week, settings.viewing_slot,
                        settings.viewing_reminder)
    owed_work.register(*viewings.due_kinds())
    for flow in (intake_desk.flow(), lead_sources.flow(), viewings.flow(), offers.flow(),
                 feedback.flow(), reactions.flow(),
                 *survey.flows(), change.flow(), zones.flow(),
                 *(workshop.flows() if workshop else ())):
        flows.register(flow)
    people = People(kit, settings.phone_region)
    client_desk = ClientDesk(
        kit, flows, intake_desk, relay, feedback, reactions, handover,
        DealStatus(translate, settings.tz), survey,
        DataRights(outbox, translate, erasure, settings.workshop_enabled),
        change, workshop, zones, people, offers, viewings,
    )
    manager_desk = ManagerDesk(kit, inspections, viewings)
    bans = Bans(kit)
    money = Payments(kit, news, settings.payment_url)
    stats_desk = StatsDesk(kit, timing, deal_blocks(lead_sources, viewings, money))
    # The owners' guarded /export and /stats managers carry the workshop's part too.
    reports = WithWorkshop(stats_desk, workshop.figures) if workshop else stats_desk
    roles = Roles(settings.owners, admins, clock, settings.admin_cache)
    legal_check = LegalCheck(kit, news, settings.legal_items)
    deal = DealDesk(kit, news, handover, tasks, settings.tz, legal_check)
    car_desk = CarDesk(kit, news)
    return Services(
        outbox=outbox,
        followups=Followups(kit, owed_work, Nags(kit, timing), Digest(kit, timing), timing,
                            Deviations(kit, timing), also=(topics.tick,)),
        deal=deal,
        inspections=inspections,
        client_desk=client_desk,
        manager_desk=manager_desk,
        stats_desk=stats_desk,
        erasure=erasure,
        privacy_desk=PrivacyDesk(
            db, outbox, translate, roles, erasure, reports, manager_desk, bans,
            relay_anonymous=settings.anonymous_admins == "relay",
        ),
        calls=CallDesk(kit, DealStatus(translate, settings.tz), timing),
        changes=changes,
        search=SearchDesk(kit, settings.phone_region),
        choices=build_choices(kit, deal, inspections, changes, car_desk, legal_check, money,
                              offers, viewings),
        lead_desk=LeadDesk(kit),
        people=people,
        car_desk=car_desk,
        legal_check=legal_check,
        payments=money,
        offers=offers,
        viewings=viewings,
        bans=bans,
        opt_out=OptOut(kit),
        topics=topics,
        # The firm's saved answers (/reply): a plain file beside the database.
        saved_replies=SavedReplies(kit, settings.database_path.parent / "replies.txt"),
        workshop=workshop,
    )


def build_choices(kit: Kit, deal: DealDesk, inspections: Inspections,
                  changes: DealChanges, car: CarDesk, legal_check: LegalCheck,
                  payments: Payments, offers: Offers, viewings: Viewings) -> DealChoices:
    """The deal commands that may wait for the manager to press which request they are for."""
    async def report(topic_id: int | None, message_id: int, manager_id: int, text: str) -> None:
        await inspections.report(topic_id, message_id, manager_id, text, None, False)

    return DealChoices(kit, {
        "stage": deal.stage, "eta": deal.eta, "hard": deal.hard, "handover": deal.handover,
        "report": report, "set": changes.set, "every": changes.every, "car": car.car,
        "legal": legal_check.legal, "paid": payments.paid,
        "offer": offers.offer, "overbudget": inspections.overbudget,
        "viewing": viewings.command,
    })


def deal_blocks(sources: LeadSources, viewings: Viewings, payments: Payments) -> BySource:
    """The /stats blocks after the figures (the firm's, not per manager): by lead source, the
    viewings, the deals' payments; each left out when it has nothing."""
    async def figures(start: datetime, end: datetime) -> str | None:
        blocks = [await sources.figures(start, end), await viewings.figures(start, end),
                  await payments.figures(start, end)]
        return "\n\n".join(b for b in blocks if b) or None
    return figures
