## The owner's numbers: /stats and /export (General topic of the manager group)

stats-title = 📊 <b>Figures for { $period }</b>
stats-legend = In brackets: what a figure rests on, and its change against the previous period ({ $previous }).
stats-empty = No data yet for this period.
stats-managers-title = 👥 <b>Figures per manager for { $period }</b>
stats-attribution = A client's manager is whoever wrote to that client most: surveys, reviews, critique, the news promise, new and open requests count for them. Answers to messages, reports, handovers and cancellations count for whoever made them.
stats-manager = 👤 <b>{ $name }</b>
stats-unassigned = No manager (nobody has written to the client yet)
stats-manager-id = manager { $id }
stats-period-days = { $days ->
    [one] the last day
   *[other] the last { $days } days
} ({ $first } – { $last })
stats-period-month = { $month }
stats-period-dates = { $first } – { $last }
stats-needs-general = I show the figures in the group's General topic, where everyone sees them. Send /stats or /export there.
stats-service-off = The service workshop is off: there are no service figures.
stats-counting = ⏳ Counting the figures for { $period }: they will be here in a few seconds. Clients are answered as usual meanwhile.
export-preparing = ⏳ Preparing the files for { $period }: they will be here in a few seconds.
stats-failed = That could not be counted. Please try again in a minute; if it fails again, tell whoever looks after the bot.
stats-period-invalid = I did not understand the period “{ $given }”. You can write:
    /stats — the last 30 days
    /stats 7d or /stats 90d — the last 7 or 90 days
    /stats 2026-11 — a month (or 11.2026)
    /stats 01.11.2026 15.11.2026 — from one date to another, both included
    /stats managers [period] — the same for each manager
stats-period-reversed = The first date is after the second. Example: /stats 01.11.2026 15.11.2026
stats-period-length = A period is from 1 to { $days } days long.

## Lines: label: value (basis; change)

stats-line = { $label }: <b>{ $value }</b> ({ $notes })
stats-line-empty = { $label }: no data yet
stats-no-earlier = no earlier data
stats-basis-of = { $part } of { $whole }
stats-basis-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
stats-basis-waits = { $n ->
    [one] { $n } message
   *[other] { $n } messages
}
stats-basis-handovers = { $n ->
    [one] { $n } handover
   *[other] { $n } handovers
}
stats-percent = { $value }%
stats-points = { $value } pp
stats-days = { $value } days
stats-spread = median { $median }, 90% within { $p90 }
stats-seconds = { $n } s
stats-minutes = { $n } min
stats-hours = { $n } h
stats-days-short = { $n } d

stats-section-satisfaction = 😊 <b>Satisfaction</b>
stats-nps = NPS
stats-response-rate = Answered the survey
stats-section-speed = ⏱ <b>First answer to a client's message</b>
stats-reply-in-hours = Within contact hours
stats-reply-off-hours = Outside contact hours
stats-reply-sla = Answered within { $sla }
stats-section-promise = 📣 <b>News for the client at least every { $interval }</b>
stats-promise = Days with news
stats-section-requests = 🚗 <b>Requests</b>
stats-open-now = Open now: { $stages }
stats-open-none = none
stats-new-requests = New
stats-handovers = Handed over
stats-to-handover = From request to handover (median)
stats-cancelled = Cancelled
stats-cancel-reason = · { $reason } — { $n }
stats-no-reason = no reason
stats-cancel-more = · other reasons — { $n }
stats-section-reports = 🔎 <b>Inspection reports</b>
stats-reports-per-handover = Reports per handover
stats-interested = Answered “Interested”
stats-section-reviews = ⭐ <b>Reviews and critique</b>
stats-reviews-requested = Review requested
stats-reviews-left = Review left
stats-critique = Wishes and critique

## Charts

stats-no-data = no data yet
stats-chart-title = Figures: { $period }
stats-chart-nps = NPS by week
stats-chart-replies = First answer by week, { $unit }
stats-chart-median = median
stats-chart-p90 = 90%
stats-chart-scores = Clients' scores (1–5)
stats-chart-funnel = Requests of the period: reached the stage
stats-chart-managers = Per manager: { $period }
stats-chart-nps-short = NPS
stats-chart-reply-median = First answer, { $unit } (median, contact hours)
stats-unit-minutes = min
stats-unit-hours = h
stats-chart-sla = Answered within { $sla }, %
stats-chart-promise = Days with news (every { $interval }), %

## /export

export-caption-requests = 🚗 Requests made in { $period }. Rows: { $rows }
export-caption-surveys = 😊 Surveys sent in { $period }, with every answer. Rows: { $rows }
export-caption-critique = ✍️ Wishes and critique in { $period }. Rows: { $rows }
export-caption-reports = 🔎 Inspection reports sent in { $period }, with the client's answers. Rows: { $rows }
export-caption-cars = 🔑 Cars bought (the client base: name, phone, birth date, car), handed over in { $period }. Rows: { $rows }
export-col-request = Request #
export-col-created = Created
export-col-client = Client
export-col-year-from = Year from
export-col-year-to = Year to
export-col-stage = Stage
export-col-hard = Hard search (time)
export-col-eta = Delivery date
export-col-handed-over = Handed over
export-col-cancel-reason = Cancel reason
export-col-reports-sent = Reports sent
export-col-source = How they heard of us
export-col-manager = Manager
export-col-survey = Survey #
export-col-sent = Sent
export-col-completed = Completed
export-col-critique = #
export-col-text = Text
export-col-report = Report #
export-col-reaction = Client's answer
export-col-reaction-at = Answered at
export-col-replies = Everything the client said
export-reply-impression = 💬 impression
