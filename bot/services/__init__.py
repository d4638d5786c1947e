"""The business, one package per step of the firm's procedure (channel-neutral: no messenger
imports; time from the injected clock; imports go one way, see tests/test_imports.py).

    intake/      the guided questions of a request, saving it, the card managers see
    deal/        stages, hard searches, delivery dates; the status the client sees
    inspection/  reports managers type, sent with their photos; the client's reactions
    handover/    the handover message and the extra services it offers
    followups/   what is owed later: survey, review, later call, birthday, nags, digest
    stats/       the owner's figures, in words, a chart and CSV files
    workshop/    the service workshop: booking, work orders the client approves line by line,
                 promised times, the bill, the check after a visit, maintenance invitations
    money/       a deal's money: offers the client accepts, payments (/offer, /paid)
    desk/        the front desks: every client event and every manager message enters here
    privacy/     who may see what (roles), erasure and retention, the client's data rights

    base.py        what every desk needs; a manager's command about the deal in a topic
    news.py        a change to a deal: the client told, the topic's card refreshed
    timing.py      the procedure's delays and hours
    validation.py  parsing what people type (dates, phones, budgets, years)
"""
