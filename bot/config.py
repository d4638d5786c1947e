"""Settings from the environment and `.env` (public interface: keep the names)."""

from __future__ import annotations

import re
from datetime import time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import SettingsConfigDict

from bot.config_privacy import PrivacySettings
from domain import Automatic
from domain.business import EVERY_DAY, WorkingTime, parse_holidays, parse_working_hours
from domain.documents import Firm, Warranty, check_inn, parse_warranty
from domain.groups import Groups, parse_groups
from domain.hours import parse_hours
from domain.lists import parse_list
from domain.money import parse_tolerance
from domain.price_list import PriceList, parse_price_list
from domain.progress import Steps, parse_steps
from domain.weekdays import parse_days
from domain.workshop import WeekHours, parse_kinds, parse_week

PRICE_LIST_BYTES = 5_000_000
LEGAL_ITEMS_MAX = 20  # a checklist a manager can tick in one message
LEGAL_ITEM_LENGTH = 60
LEAD_SOURCES_MAX = 12  # buttons a client can read at a glance
LEAD_SOURCE_LENGTH = 40

LANGUAGES = ("ru", "en")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)")
_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
# The longest delay a duration setting takes: far dates overflow, and no step waits longer.
LONGEST = timedelta(days=3650)
OFFICIAL_TELEGRAM_API = "https://api.telegram.org"
OFFICIAL_TWILIO_API = "https://api.twilio.com"
# Automatic message kinds that may be sent as a WhatsApp template outside the 24-hour window.
TEMPLATE_KINDS = tuple(kind.value for kind in Automatic)


_TOO_LONG = f"expected at most {LONGEST.days} days (like {LONGEST.days}d)"


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


class Settings(PrivacySettings):  # privacy settings: bot/config_privacy.py
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr
    manager_chat_id: int
    manager_groups: str = ""  # departments' own groups: sales:-100…;service:-100… (domain/groups.py)
    telegram_api_url: str = OFFICIAL_TELEGRAM_API
    database_url: str = "sqlite:///data/carcare.sqlite3"
    timezone: str = "Europe/Moscow"
    default_language: str = "ru"
    phone_region: str = Field(default="RU", min_length=2, max_length=2)
    firm_name: str = Field(default="CarCare", min_length=1, max_length=100)  # named in texts
    extra_services: str = (
        "Постановка на учёт в ГИБДД;Страховка ОСАГО и КАСКО;Детейлинг и полировка"
    )
    report_photo_window: int = Field(default=20, ge=0, le=600)
    # The legal check of a deal's documents (issue 23, docs/papers.md): ';'-separated items;
    # these codes are named in the reader's language, any other item as written.
    legal_checks: str = "liens;restrictions;wanted;owners;accidents;mileage;documents"
    # How clients heard of us (issue 23): the intake's last, optional question offers these as
    # buttons, /set #N source sets one, /stats counts by them; empty: the question is not asked.
    lead_sources: str = ""
    # Viewings and test drives of a reported car (issue 23, docs/viewings.md): the times offered
    # (as WORKSHOP_HOURS is written; empty: the client writes a day and time), each VIEWING_SLOT
    # long; the client is reminded VIEWING_REMINDER before the agreed time.
    viewing_hours: str = ""
    viewing_slot: timedelta = timedelta(hours=1)
    viewing_reminder: timedelta = timedelta(hours=2)

    # Follow-ups: every delay of the procedure is a setting ("7d", "48h", "30m", "30s",
    # or ISO 8601 like P7D).
    satisfaction_check_delay: timedelta = timedelta(days=7)
    review_url: str = ""
    review_reminder_delay: timedelta = timedelta(days=3)
    long_followup_delay: timedelta = timedelta(days=50)
    progress_update_interval: timedelta = timedelta(hours=48)
    reply_sla: timedelta = timedelta(hours=24)
    digest_time: time = time(9, 0)
    contact_hours: str = "10:00-20:00"
    business_days: str = "Mon-Fri"  # the days the news and answer clocks run on
    # When managers answer (empty: CONTACT_HOURS on BUSINESS_DAYS) and the days they do not:
    # the answer clocks count only that time, and a client writing outside it is told when.
    working_hours: str = ""
    holidays: str = ""  # 2027-01-01;2027-01-02
    critique_reply: timedelta = timedelta(hours=24)  # a critique's answer, in working time
    extra_service_reply: timedelta = timedelta(days=1)  # contact about an accepted service
    scheduler_tick: timedelta = timedelta(seconds=30)
    # One attempt at an update longer than this is stopped and kept as failed (its chat goes on).
    update_timeout: timedelta = timedelta(seconds=60)

    # Flood limits for sending (0 switches one off): Telegram's documented ceilings.
    telegram_bot_per_second: int = Field(default=30, ge=0)
    telegram_chat_per_second: int = Field(default=1, ge=0)
    telegram_group_per_minute: int = Field(default=20, ge=0)
    whatsapp_per_second: int = Field(default=80, ge=0)  # Twilio's default sender throughput

    # Topics (issue 26): a topic closed (/close) within this long opens again with the client's
    # next message; one closed longer ago is left closed and the client gets a new topic.
    closed_topic_reopen_within: timedelta = timedelta(days=90)
    # Spam waves: new clients' topics opened a minute at most; the rest wait their turn (each
    # new topic costs the group's 20-a-minute budget three calls: topic, card, pin). 0: no limit.
    new_topics_per_minute: int = Field(default=4, ge=0, le=100)
    # A new client's lone first message opens no topic until they do something a person does
    # (a second message, an intake answer, a button); false: the first message opens it.
    hold_lone_first_message: bool = True

    @field_validator("closed_topic_reopen_within", mode="before")
    @classmethod
    def _reopen_within(cls, value: object) -> object:
        return cls._short_duration(value)  # 90d, 12w, like the other delays

    @field_validator("closed_topic_reopen_within")
    @classmethod
    def _reopen_within_bounds(cls, value: timedelta) -> timedelta:
        return cls._positive(value)

    # Telegram webhook mode (instead of long polling) when both are set.
    telegram_webhook_url: str = ""
    telegram_webhook_secret: SecretStr = SecretStr("")

    @field_validator("telegram_webhook_url")
    @classmethod
    def _webhook_url(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("expected the public https:// URL Telegram should post updates to")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value()
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
            raise ValueError("expected 16-256 characters: letters, digits, _ and -")
        return value

    # WhatsApp through Twilio: on when the three TWILIO_* credentials are present.
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr = SecretStr("")
    twilio_whatsapp_from: str = ""
    twilio_messaging_service_sid: str = ""
    twilio_api_url: str = OFFICIAL_TWILIO_API
    twilio_template_survey: str = ""
    twilio_template_review: str = ""
    twilio_template_review_reminder: str = ""
    twilio_template_long_followup: str = ""
    twilio_template_birthday: str = ""
    twilio_template_deal_news: str = ""
    # SMS for clients known only by phone, through the same Twilio account: off when empty.
    twilio_sms_from: str = ""
    media_url_ttl: timedelta = timedelta(hours=1)
    # The bot's own web server (Twilio webhooks, media for WhatsApp, /healthz).
    http_host: str = "0.0.0.0"
    http_port: int | None = Field(default=None, ge=0, le=65535)
    public_url: str = ""

    # --- Workshop (issue 16): off, and invisible, while WORKSHOP_HOURS is empty. ---------------
    workshop_hours: str = ""
    workshop_slot: timedelta = timedelta(hours=1)
    workshop_bays: int = Field(default=2, ge=1, le=100)
    workshop_bookings_per_client: int = Field(default=2, ge=1, le=100)  # live visits a client may hold
    service_kinds: str = "ТО;Диагностика;Ремонт;Шиномонтаж;Другое"
    visit_reminder: timedelta = timedelta(hours=24)
    service_check_delay: timedelta = timedelta(days=5)
    maintenance_interval: timedelta = timedelta(days=90)
    maintenance_km: int = Field(default=10000, ge=500, le=100000)
    deferred_reminder: timedelta = timedelta(days=30)
    workshop_address: str = ""
    payment_url: str = ""
    # The quality check before release (issue 24, docs/workshop.md): ';'-separated items; the
    # default codes are named in each language; empty: no check.
    qc_checks: str = "road_test;lines_done;fluids;wheel_torque;interior;old_parts"
    price_list: str = ""  # a CSV of operations /order lines may name by code (domain/price_list.py)
    # Where the car is (/progress): the steps as key:name, ';'-separated; a default key alone
    # (diagnosis, parts, work, check) is named in each language; empty: no /progress.
    workshop_progress: str = "diagnosis;parts;work;check"
    # The firm's details and the warranty on the work order and the bill (docs/workshop.md#documents).
    firm_legal_name: str = Field(default="", max_length=200)
    firm_inn: str = ""
    firm_address: str = Field(default="", max_length=300)
    firm_phone: str = Field(default="", max_length=50)
    workshop_warranty: str = ""  # 6mo or 10000km

    @field_validator("firm_inn")
    @classmethod
    def _firm_inn(cls, value: str) -> str:
        return check_inn(value) if value.strip() else ""

    @field_validator("workshop_warranty")
    @classmethod
    def _warranty(cls, value: str) -> str:
        parse_warranty(value)
        return value.strip()

    @property
    def firm(self) -> Firm:
        return Firm(self.firm_legal_name.strip(), self.firm_inn, self.firm_address.strip(),
                    self.firm_phone.strip())

    @property
    def warranty(self) -> Warranty | None:
        return parse_warranty(self.workshop_warranty)
    # --- A deal's money (issue 23): how far a report's price may pass the client's budget
    # before the manager must confirm it with a reason (bot/services/inspection/reports.py).
    budget_tolerance: str = "5%"

    @field_validator("budget_tolerance")
    @classmethod
    def _budget_tolerance(cls, value: str) -> str:
        parse_tolerance(value)
        return value

    @property
    def tolerance(self) -> Decimal:
        return parse_tolerance(self.budget_tolerance)

    @field_validator("workshop_slot", "visit_reminder", "service_check_delay",
                     "maintenance_interval", "deferred_reminder", mode="before")
    @classmethod
    def _workshop_duration(cls, value: object) -> object:
        return cls._short_duration(value)

    @field_validator("workshop_slot", "visit_reminder", "service_check_delay",
                     "maintenance_interval", "deferred_reminder")
    @classmethod
    def _workshop_positive(cls, value: timedelta) -> timedelta:
        return cls._positive(value)

    @field_validator("workshop_hours")
    @classmethod
    def _workshop_week(cls, value: str) -> str:
        if value.strip():
            parse_week(value)
        return value.strip()

    @field_validator("service_kinds")
    @classmethod
    def _kinds(cls, value: str) -> str:
        parse_kinds(value)
        return value

    @field_validator("payment_url")
    @classmethod
    def _payment_url(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("expected an https:// link to your payment page")
        return value

    @field_validator("price_list")
    @classmethod
    def _price_list(cls, value: str) -> str:
        if value.strip():
            load_price_list(value.strip())  # a broken list stops the start, naming file and line
        return value.strip()

    @property
    def prices(self) -> PriceList:
        return load_price_list(self.price_list) if self.price_list else PriceList()

    @property
    def workshop_enabled(self) -> bool:
        return bool(self.workshop_hours)

    @property
    def workshop_week(self) -> WeekHours:
        return parse_week(self.workshop_hours) if self.workshop_hours else {}

    @field_validator("qc_checks")
    @classmethod
    def _qc_checks(cls, value: str) -> str:
        parse_list(value, LEGAL_ITEMS_MAX, LEGAL_ITEM_LENGTH)  # a checklist ticked in one message
        return value

    @field_validator("workshop_progress")
    @classmethod
    def _workshop_progress(cls, value: str) -> str:
        parse_steps(value)
        return value

    @property
    def progress_steps(self) -> Steps:
        return parse_steps(self.workshop_progress)

    @property
    def qc_items(self) -> tuple[str, ...]:
        return parse_list(self.qc_checks, LEGAL_ITEMS_MAX, LEGAL_ITEM_LENGTH)

    @property
    def service_kind_list(self) -> list[str]:
        return [kind for kind, _ in parse_kinds(self.service_kinds)]

    @property
    def service_kind_lengths(self) -> dict[str, timedelta]:
        """The kinds' durations as written (a kind without one takes one WORKSHOP_SLOT)."""
        return {kind: length for kind, length in parse_kinds(self.service_kinds) if length}
    # --- end of workshop settings ----------------------------------------------------------

    @field_validator(
        "satisfaction_check_delay", "review_reminder_delay", "long_followup_delay",
        "progress_update_interval", "reply_sla", "scheduler_tick", "media_url_ttl",
        "update_timeout", "critique_reply", "extra_service_reply", mode="before",
    )
    @classmethod
    def _short_duration(cls, value: object) -> object:
        if isinstance(value, str) and (match := _DURATION.fullmatch(value.strip().lower())):
            seconds = float(match.group(1)) * _UNITS[match.group(2)]
            if seconds > LONGEST.total_seconds():  # before timedelta, which overflows past 10⁹ days
                raise ValueError(_TOO_LONG)
            return timedelta(seconds=seconds)
        return value

    @field_validator(
        "satisfaction_check_delay", "review_reminder_delay", "long_followup_delay",
        "progress_update_interval", "reply_sla", "scheduler_tick", "media_url_ttl",
        "update_timeout", "critique_reply", "extra_service_reply",
    )
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("expected a positive duration like 7d, 48h or 30s")
        if value > LONGEST:
            raise ValueError(_TOO_LONG)
        return value

    @field_validator("contact_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        parse_hours(value)
        return value

    @field_validator("business_days")
    @classmethod
    def _days(cls, value: str) -> str:
        parse_days(value)
        return value

    @field_validator("working_hours")
    @classmethod
    def _working_hours(cls, value: str) -> str:
        if value.strip():
            parse_working_hours(value, EVERY_DAY)
        return value.strip()

    @field_validator("holidays")
    @classmethod
    def _holidays(cls, value: str) -> str:
        parse_holidays(value)
        return value

    @field_validator("review_url")
    @classmethod
    def _review_url(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("expected an https:// link to your reviews page")
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        # BotFather tokens look like 123456:ABC-...; catching a pasted placeholder early
        # gives a clearer message than a 401 from Telegram.
        head, sep, tail = value.get_secret_value().partition(":")
        if not (sep and head.isdigit() and len(tail) >= 20):
            raise ValueError("expected the token from @BotFather, like 123456789:AAH...")
        return value

    @field_validator("manager_chat_id")
    @classmethod
    def _supergroup_id(cls, value: int) -> int:
        if not str(value).startswith("-100"):
            raise ValueError("expected a supergroup id starting with -100")
        return value

    @field_validator("manager_groups")
    @classmethod
    def _groups(cls, value: str) -> str:
        parse_groups(value)
        return value

    @property
    def groups(self) -> Groups:
        """The home group (MANAGER_CHAT_ID) and the departments' groups (MANAGER_GROUPS)."""
        return Groups(self.manager_chat_id, parse_groups(self.manager_groups))

    @field_validator("twilio_whatsapp_from")
    @classmethod
    def _whatsapp_address(cls, value: str) -> str:
        if value and not re.fullmatch(r"whatsapp:\+\d{6,15}", value.strip()):
            raise ValueError("expected the sender as whatsapp:+<country code and number>")
        return value.strip()

    @field_validator("twilio_sms_from")
    @classmethod
    def _sms_sender(cls, value: str) -> str:
        value = value.strip()
        if value and not re.fullmatch(r"\+[1-9][0-9]{5,14}|MG[0-9a-f]{32}", value):
            raise ValueError("expected the SMS number as +<country code and number> (E.164),"
                             " or a Messaging Service SID (MG and 32 hex digits)")
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("expected the public https:// base URL of this bot's web server")
        return value.rstrip("/")

    @field_validator("telegram_api_url", "twilio_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("expected a base URL starting with http:// or https://")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _sqlite_url(cls, value: str) -> str:
        if not value.startswith("sqlite:///"):
            raise ValueError("only sqlite:///path/to/file.sqlite3 is supported in this version")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA time zone such as Europe/Moscow") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _supported_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"expected one of: {', '.join(LANGUAGES)}")
        return value

    @property
    def database_path(self) -> Path:
        return Path(self.database_url.removeprefix("sqlite:///"))

    @field_validator("legal_checks")
    @classmethod
    def _legal_checks(cls, value: str) -> str:
        parse_list(value, LEGAL_ITEMS_MAX, LEGAL_ITEM_LENGTH)
        return value

    @field_validator("lead_sources")
    @classmethod
    def _lead_sources(cls, value: str) -> str:
        parse_list(value, LEAD_SOURCES_MAX, LEAD_SOURCE_LENGTH)
        return value

    @field_validator("viewing_hours")
    @classmethod
    def _viewing_week(cls, value: str) -> str:
        if value.strip():
            parse_week(value)
        return value.strip()

    @field_validator("viewing_slot", "viewing_reminder", mode="before")
    @classmethod
    def _viewing_duration(cls, value: object) -> object:
        return cls._short_duration(value)

    @field_validator("viewing_slot", "viewing_reminder")
    @classmethod
    def _viewing_positive(cls, value: timedelta) -> timedelta:
        return cls._positive(value)

    @property
    def viewing_week(self) -> WeekHours:
        return parse_week(self.viewing_hours) if self.viewing_hours else {}

    @property
    def sources(self) -> tuple[str, ...]:
        return parse_list(self.lead_sources, LEAD_SOURCES_MAX, LEAD_SOURCE_LENGTH)

    @property
    def legal_items(self) -> tuple[str, ...]:
        return parse_list(self.legal_checks, LEGAL_ITEMS_MAX, LEGAL_ITEM_LENGTH)

    @property
    def services(self) -> list[str]:
        """The extra services offered at handover, in the order written."""
        return [item.strip() for item in self.extra_services.split(";") if item.strip()]

    @property
    def hours(self) -> tuple[time, time]:
        return parse_hours(self.contact_hours)

    @property
    def workdays(self) -> frozenset[int]:
        return parse_days(self.business_days)

    @property
    def working_time(self) -> WorkingTime:
        """When managers answer: WORKING_HOURS (else CONTACT_HOURS) on BUSINESS_DAYS (unless
        WORKING_HOURS names its days), not on HOLIDAYS."""
        hours = parse_working_hours(self.working_hours or self.contact_hours, self.workdays)
        return WorkingTime.of(self.tz, hours, parse_holidays(self.holidays))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def whatsapp_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token.get_secret_value())

    @property
    def sms_enabled(self) -> bool:
        return bool(self.twilio_sms_from) and self.whatsapp_enabled

    @property
    def webhook_enabled(self) -> bool:
        return bool(self.telegram_webhook_url)

    @property
    def http_enabled(self) -> bool:
        return self.http_port is not None or self.whatsapp_enabled or self.webhook_enabled

    @property
    def templates(self) -> dict[str, str]:
        """Content SIDs of the configured templates, by automatic message kind."""
        found = {kind: getattr(self, f"twilio_template_{kind}") for kind in TEMPLATE_KINDS}
        return {kind: sid for kind, sid in found.items() if sid}


def _whatsapp_problem(settings: Settings) -> str | None:
    """WhatsApp is all or nothing: half a Twilio configuration is a mistake, not 'off'."""
    given = {
        "TWILIO_ACCOUNT_SID": bool(settings.twilio_account_sid),
        "TWILIO_AUTH_TOKEN": bool(settings.twilio_auth_token.get_secret_value()),
        "TWILIO_WHATSAPP_FROM": bool(settings.twilio_whatsapp_from),
    }
    if not any(given.values()):
        return None
    missing = [name for name, present in given.items() if not present]
    if not settings.public_url:
        missing.append("PUBLIC_URL")
    if missing:
        return (f"WhatsApp is half-configured: {', '.join(missing)} missing; set "
                "them all, or remove the TWILIO_* settings to run without WhatsApp.")
    return None


def _sms_problem(settings: Settings) -> str | None:
    """SMS goes through the Twilio account WhatsApp uses: a sender without it is a mistake."""
    if settings.twilio_sms_from and not settings.whatsapp_enabled:
        return ("TWILIO_SMS_FROM is set but the Twilio account is not: SMS goes through it, so "
                "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_FROM and PUBLIC_URL "
                "too (docs/sms.md), or leave TWILIO_SMS_FROM empty.")
    return None


def load_price_list(path: str) -> PriceList:
    """PRICE_LIST's file: UTF-8 with or without a BOM; a ValueError names the file (and the line)."""
    try:
        if Path(path).stat().st_size > PRICE_LIST_BYTES:
            raise ValueError(f"{path} is over {PRICE_LIST_BYTES // 1_000_000} MB: is it the price list?")
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(f"{path} line {line}: not UTF-8 text (save the file as UTF-8)") from None
    return parse_price_list(text, path)


def load_settings(**overrides: object) -> Settings:
    """Build settings or raise ConfigError with one line per bad setting (no values shown)."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    problem = _whatsapp_problem(settings) or _sms_problem(settings) or _webhook_problem(settings)
    if problem:
        raise ConfigError(problem)
    return settings


def _webhook_problem(settings: Settings) -> str | None:
    url, secret = settings.telegram_webhook_url, settings.telegram_webhook_secret.get_secret_value()
    if bool(url) != bool(secret):
        missing = "TELEGRAM_WEBHOOK_SECRET" if url else "TELEGRAM_WEBHOOK_URL"
        return (f"Telegram webhook mode is half-configured: {missing} is missing; set both, "
                "or neither to use long polling.")
    return None


def _describe(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors(include_input=False, include_url=False):
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        if error["type"] == "missing":
            lines.append(f"Setting {name} is missing: add it to .env (see .env.example).")
        else:
            reason = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"Setting {name} is malformed: {reason}.")
    return "\n".join(lines)
