## Client: greeting, menu, help

greeting = Hello, { $name }!
greeting-anonymous = Hello!
welcome = I'm the assistant of { $firm }. We find, inspect and deliver the car you need.

    { $consent }

    What would you like to do?
menu = What would you like to do?
menu-new = 🚗 New car search request
menu-status = 📋 My requests
menu-manager = 💬 Write to a manager
menu-feedback = ✍️ A wish or critique
help =
    What I can do:
    /new — a new car search request
    /status — the status of your requests
    /change — change your request (budget, years, city…)
    /feedback — leave a wish or critique
    /language — change the language
    /settings — your time zone
    /cancel — leave what you are doing
    /help — this help

    Just write a message — your manager receives it and answers right here.
manager-only = That command is for managers only. How can I help you?
button-expired = That button is out of date. Here is the menu:
write-manager = Write your question in one or more messages — photos, voice and documents are fine. A manager will answer right here.
relay-ack = Passed to a manager — the answer will come to this chat.
relay-closed = Passed to a manager. We are closed now: we open { $when }, and a manager will answer then.
when-ahead = { $day ->
        [today] today at { $time }
        [tomorrow] tomorrow at { $time }
        [week] at { $time } on { $weekday ->
            [0] Monday
            [1] Tuesday
            [2] Wednesday
            [3] Thursday
            [4] Friday
            [5] Saturday
           *[6] Sunday
        }
       *[date] on { $date } at { $time }
    }
cancelled = OK, stopped. What next?
nothing-to-cancel = There is nothing to cancel right now.
button-cancel = Cancel
language-choose = Choose a language:
language-name = 🇬🇧 English
language-set = Done, English it is.
settings-zone = 🕰 Your time zone: <b>{ $zone }</b>, it is { $time } for you now. Times in our messages follow it, and we write to you on our own only in the daytime by your clock. If it is another zone, choose yours or write your city:
settings-zone-unknown = 🕰 We do not know your time zone yet and count by ours: <b>{ $zone }</b>, now { $time }. Choose yours or write your city, and the times in our messages will follow your clock:
settings-zone-set = Done: your time zone is <b>{ $zone }</b>, it is { $time } for you now.
zone-europe-kaliningrad = Kaliningrad
zone-europe-moscow = Moscow
zone-europe-samara = Samara
zone-asia-yekaterinburg = Yekaterinburg
zone-asia-omsk = Omsk
zone-asia-novosibirsk = Novosibirsk
zone-asia-krasnoyarsk = Krasnoyarsk
zone-asia-irkutsk = Irkutsk
zone-asia-yakutsk = Yakutsk
zone-asia-vladivostok = Vladivostok
zone-asia-magadan = Magadan
zone-asia-kamchatka = Kamchatka
zone-msk = MSK
time-both = { $client } client's time, { $firm }{"\u00A0"}{ $zone }

## Intake

intake-intro = Let's put your request together: a few short questions. Optional ones can be skipped, and «Back» returns to the previous one. To leave: /cancel.
intake-progress = Question { $n } of { $total }
ask-name = What should we call you?
ask-car = Which car are you looking for? Make and model, or a type (e.g. "Toyota RAV4" or "family SUV").
ask-years = Which model years suit you? For example: 2018, 2018–2021, from 2019.
ask-budget = What is your budget? For example: 1.5 mln, 1 500 000 or 900k.
ask-must_haves = What must the car have? (drive, gearbox, colour, trim…)
ask-deal_breakers = What is a deal-breaker? (accidents, many owners, certain engines…)
ask-city = Which city are you in, or where should the car be delivered?
ask-deadline = By when do you need the car, or how long are you ready to search?
ask-phone = A phone number to reach you? For example: +7 916 123-45-67. You may skip this.
ask-birth_date = Your birth date — so we can congratulate you. For example: 12.03.1985. You may skip this.
ask-contact_time = When do you prefer to hear from us?
time-morning = Morning (9–12)
time-afternoon = Afternoon (12–17)
time-evening = Evening (17–21)
time-any = Any time
button-back = ← Back
button-skip = Skip
button-confirm = ✅ All correct, send
button-edit = ✏️ Change something
intake-needs-text = Please answer in text — I passed the attachment to your manager.
intake-use-buttons = Please check the request and tap a button below.
intake-summary-title = <b>Please check your request:</b>
intake-edit-which = What would you like to change?
field-name = Name
field-car = Car
field-years = Model years
field-budget = Budget
field-must_haves = Must have
field-deal_breakers = Deal-breakers
field-city = City
field-deadline = Deadline
field-phone = Phone
field-birth_date = Birth date
field-contact_time = Preferred time
value-none = —
value-budget = { NUMBER($amount) } ₽
contact-time-use-buttons = Please choose an option with the buttons below.
request-saved = Request #{ NUMBER($id, useGrouping: 0) } received! A manager already sees it and will be in touch soon.
process =
    <b>How we work</b>

    1. <b>Search</b> — we look for cars that fit your wishes and budget. If the search will be hard, we say honestly how long it will take and why.
    2. <b>Inspection</b> — every car we find is inspected, and you get a report: photos, all merits and all flaws. You answer «Interested», «Not for me» or ask a question.
    3. <b>Negotiation and contract</b> — we bargain with the seller and prepare the contract.
    4. <b>Documents and legal check</b> — history, liens and restrictions are checked.
    5. <b>Payment and delivery</b> — we give a reliable delivery date; any change is told at once, with its reason.
    6. <b>Handover</b> — we go through the car together, its features and flaws, and offer useful services.
    7. After { $survey_after } we ask how you like it, and after { $followup_after } how the car is doing.

    You hear from us { $news_promise }. At any time you can write here — your manager answers — check the status (/status) or leave a wish (/feedback).

## The news promise in words, from PROGRESS_UPDATE_INTERVAL (or a deal's /every) on BUSINESS_DAYS

news-promise = { $working ->
    [yes] { $unit ->
        [day] { $n ->
            [1] every working day
           *[other] at least every { $n } working days
        }
       *[hour] { $n ->
            [1] every hour (weekends not counted)
           *[other] at least every { $n } hours (weekends not counted)
        }
    }
   *[no] { $unit ->
        [day] { $n ->
            [1] every day
           *[other] at least every { $n } days
        }
       *[hour] { $n ->
            [1] every hour
           *[other] at least every { $n } hours
        }
    }
}

## Validation re-asks

budget-invalid = I couldn't read the amount. Write, for example: 1.5 mln, 1 500 000 or 900k.
budget-out-of-range = That budget looks like a typo: write the amount in roubles, e.g. 1 500 000.
years-invalid = I couldn't read the years. Write, for example: 2018, 2018–2021 or "from 2019".
years-out-of-range = Years must be between 1950 and next year.
date-invalid = I couldn't read the date. Write it as DD.MM.YYYY, e.g. 12.03.1985.
birth-date-out-of-range = The year looks like a typo. Please check the date, e.g. 12.03.1985.
phone-invalid = That doesn't look like a phone number. Write, for example: +7 916 123-45-67.
text-empty = The message seems to be empty.
text-too-long = That's a bit long — please shorten it.

## Status

status-none = You have no request yet. Shall we create one?
status =
    <b>Request #{ NUMBER($id, useGrouping: 0) }</b> — { $car }
    Stage: <b>{ $stage }</b>
    { $explain }
stage-new = New
stage-new-means = A manager is studying your request and will start the search soon.
stage-searching = Searching
stage-searching-means = We are looking for suitable cars.
stage-inspecting = Car found, inspecting
stage-inspecting-means = We are inspecting a car we found; the report will come here.
stage-negotiating = Negotiating
stage-negotiating-means = We are agreeing the price and terms with the seller.
stage-contract = Contract
stage-contract-means = The contract is being prepared and signed.
stage-documents = Documents and legal check
stage-documents-means = We are checking documents, history, liens and restrictions.
stage-paid = Paid
stage-paid-means = Payment received; shipping is being arranged.
stage-in_transit = In transit
stage-in_transit-means = The car is on its way to you.
stage-arrived = Arrived
stage-arrived-means = The car has arrived; we are arranging the handover.
stage-handed_over = Handed over
stage-handed_over-means = The car is yours. We are here if you have questions.
stage-closed = Closed
stage-closed-means = The request is complete. Thank you for choosing us!
stage-cancelled = Cancelled
stage-cancelled-means = The request was cancelled.

## Feedback

feedback-ask = Write your wish or critique — we read everything and answer.
feedback-thanks = { $owners ->
        [yes] Thank you! Your manager and the management have your message. We will answer { $when } at the latest.
       *[no] Thank you! Your manager has your message and will answer { $when } at the latest.
    }

## Manager group

topic-unnamed = Client
card-title = 🗂 <b>Client card</b> · { $channel } · { $contact } · language: { $language }
card-no-request = <b>Name:</b> { $name }
    No request yet.
card-request = <b>Request #{ NUMBER($id, useGrouping: 0) }</b> · stage: { $stage }
topic-feedback = ✍️ <b>Client's wish / critique:</b>
    { $text }
general-about-client = 👤 Client { $name } (no topic yet):
topic-client-blocked = ⛔️ The client blocked the bot: messages to them are not delivered. Call them if the card has a phone.
topic-client-unblocked = ✅ The client is reachable in the bot again.
topic-zone-client = 🕰 The client chose their time zone: { $zone }.
topic-not-delivered-blocked = ⚠️ Not delivered: the client has blocked the bot.
topic-not-delivered = ⚠️ Not delivered to the client: { $reason }
note-saved = 📝 Note saved — the client does not see it.
note-empty = Write the note's text after the command: /note text
manager-needs-topic = This command works inside a client's topic.
manager-unknown-command = Unknown command — nothing was sent to the client. Commands: /help
manager-help =
    <b>Manager commands</b> (in a client's topic). If the client has several open requests, put the number first: /stage #12 paid; without it the bot asks with buttons.
    /stage — change the stage with buttons; /stage stage [note] — directly (name, code or number 1–12)
    /stage cancelled reason — cancel the request
    /hard search time; reason — honestly warn the client that the search is hard
    /eta DD.MM.YYYY [reason] — the delivery date; a change needs a reason
    /report — an inspection report (format in the README; photos as an album with the report as caption, or right after)
    /overbudget reason — send a report held for a price over the client's budget (or a “Why over budget:” line in the report)
    /handover [note] — hand the car over: features, flaws, extra services
    /car #12 — record the car bought (make, model, year, VIN, plate, colour, odometer); /car shows it and the form
    /legal #12 — the legal check with buttons (liens, restrictions, wanted, owners…); /legal 3 note, or a photo so captioned; /legal skip reason — close the documents without it
    /viewing #12 — the request's viewings and test drives; /viewing #12 12.12 15:00 (or a reply "12.12 15:00" to the wish) — propose a time to the client; /viewing #12 cancel — cancel it
    /call summary — record a phone call (it counts as news); /call! summary — and send the summary to the client
    /offer — an offer to the client: car, price, fee, what is included, deposit, terms, last day (format: /offer with no text); the client accepts with a button
    /paid 150 000 deposit — record a payment (deposit, purchase, fee, delivery…): a receipt to the client, paid and remaining on the card; /paid -150 000 reason — correct a mistake
    /note text — an internal note the client does not see; /notes — calls and notes
    /reply name — send a saved reply to the client ({"{"}name{"}"}, {"{"}car{"}"}, {"{"}city{"}"}, {"{"}phone{"}"}, {"{"}request{"}"} filled in); /reply — the list; /reply add name text, /reply del name
    /status — all the client's open requests, their history, calls
    /set #12 field value — change the request (budget, car, years, city, deadline…); /set #12 tz Asia/Novosibirsk or a city — the client's time zone
    /lead @username or Name — who leads the client (the client is told the name once)
    /every 24h — the request's own news interval (/every off — the usual one)
    /forget — delete all of the client's data (owners and group administrators)
    /ban — block the client quietly (they are not told); /ban! — block and tell them; /unban — lift it
    /via telegram|whatsapp|sms — the channel answers go to (/via auto — where the client last wrote); /unmerge — undo "same person"
    /close — close the topic: the conversation is over, the client leaves /open; their next message opens it again
    /help — this help

    <b>In any topic or General:</b>
    /find text — find a client by phone, name, car, city, request number, VIN (or its last 6+ characters) or plate
    /open — open requests by stage, longest without news first
    /stats [period] — figures and a chart: NPS, scores, answer times, the news promise, requests, reports, reviews; period: 7d, 90d, 2026-11 or two dates (30 days by default)
    /stats managers [period] — the same figures for each manager (owners and administrators)
    /export [period] — CSV files: requests, surveys, critique, reports with the clients' answers, calls (owners and administrators)
    /bans — the banned clients (owners and administrators)

    Everything else you write in a client's topic (text, photos, video, documents, voice) goes to the client. A reply to a client's message reaches them as a reply to their message; editing your message edits it for the client too.

## Deal pipeline: client side

button-menu = ☰ Menu
reason-line = Reason: { $reason }
stage-changed = 📍 Your request's new stage: <b>{ $stage }</b>
    { $explain }
stage-note = 💬 From your manager: { $note }
stage-next = Next stage: “{ $stage }”.
hard-warning = ⏳ To be honest with you: this search will not be easy. Expected search time — { $time }. You will hear from us { $news_promise }.
eta-first = 🚚 Expected delivery date: <b>{ $date }</b>
    If it changes, we will tell you at once and explain why.
eta-changed = 🚚 The delivery date has changed: it was <b>{ $old }</b>, now it is <b>{ $new }</b>.
    Reason: { $reason }
report-card-title = 🔎 <b>Report #{ NUMBER($number, useGrouping: 0) }: { $title }</b>
report-merits = <b>Merits:</b>
report-flaws = <b>Flaws — nothing hidden:</b>
report-verdict = <b>Verdict:</b> { $verdict }
report-ask = What do you think? Tap a button or just write.
button-interested = 👍 Interested
button-not-for-me = 👎 Not for me
button-question = ❓ Ask a question
react-interested = Great! A manager will contact you about the next steps. If you want to add anything about this car, just write.
react-not_for_me = Understood, we keep searching. Please write what you did not like — it helps us find a better match.
react-question = Write your question about this car — a manager will answer here.
impression-thanks = Thank you, I passed it to the manager with the report.
question-thanks = Your question is with the manager — the answer will come here.
reaction-interested = 👍 interested
reaction-not_for_me = 👎 not for me
reaction-question = ❓ question
reaction-none = waiting for your answer
handover-title = 🔑 <b>Handover: { $car }</b>
    Let's go through the car together.
handover-features = <b>Features and strengths:</b>
handover-flaws = <b>Known flaws — we will discuss them at handover:</b>
handover-first-weeks =
    <b>The first weeks:</b>
    • register the car within 10 days;
    • get the compulsory insurance before the first drive;
    • check oil and fluid levels and tyre pressure;
    • book a service if one is due;
    • any question — write here, we are with you.
handover-offer = We can help with more — tap what you need:
service-accepted = Noted: “{ $service }”. A manager will contact you { $when } at the latest and tell you the terms.
service-already = “{ $service }” is already noted — a manager will contact you.
status-hard = ⏳ A hard search: expected time — { $time }.
status-eta = 🚚 Delivery date: { $date }
status-eta-change = • was { $old } → now { $new }: { $reason }
status-timeline = <b>History:</b>
status-reports = <b>Cars found:</b>

## Deal pipeline: manager side

manager-no-request = This client has no request yet — they can create one with /new.
card-hard = ⏳ <b>Hard search:</b> { $time } ({ $reason })
card-eta = 🚚 <b>Delivery:</b> { $date }
card-zone = 🕰 <b>Time zone:</b> { $zone }; we write to the client { $hours }
stage-choose = Current stage: { $stage }. Choose the new one:
stage-unknown = I don't know the stage “{ $word }”. Stages: { $names }. A number 1–12 or the name works too.
stage-same = The request is already at “{ $stage }”.
stage-cancel-needs-reason = Cancelling needs a reason: /stage cancelled reason
stage-done = ✅ Stage: “{ $stage }”. The client was told.
stage-done-unreachable = ✅ Stage “{ $stage }” recorded, but the client has blocked the bot — the message will not arrive. Call them.
handover-closed = The request is closed or cancelled — no handover possible.
hard-usage = Format: /hard search time; reason — for example: /hard 2–3 months; rare trim
hard-needs-reason = Add the reason too: we promise clients to explain why a search is hard. E.g. /hard 2–3 months; a rare trim
hard-done = ✅ Marked as a hard search — the client is warned, the card is updated.
eta-invalid = I couldn't read the date “{ $given }”. Format: /eta 15.12.2026 reason
eta-past = { $date } has already passed — give a future date.
eta-same = The delivery date is already { $date }.
eta-needs-reason = The date changes — the client needs the reason: /eta DD.MM.YYYY reason
eta-done = ✅ Delivery date { $date } — the client was told.
report-problems =
    The report was not sent — please fix:
    { $problems }

    Format:
    /report Toyota RAV4, 2019
    Price: 2 150 000 ₽
    Mileage: 68 000 km
    + a merit
    - a flaw
    Verdict: recommended
report-empty = the report is empty
report-no-title = the first line is the car and year, e.g. “Toyota RAV4, 2019” (now: “{ $line }”)
report-title-year = the first line needs the model year (now: “{ $line }”)
report-unknown-line = unclear line “{ $line }”: write “Field: value”, “+ merit” or “- flaw”
report-no-merits = no merits (lines starting with “+”)
report-no-flaws = no flaws (lines starting with “-”); if there truly are none, write “- no flaws found”
report-saved = ✅ Report #{ NUMBER($number, useGrouping: 0) } accepted: { $merits } merits, { $flaws } flaws. It goes to the client in { $seconds } s — photos and PDFs sent before then are attached.
topic-reaction = Report #{ NUMBER($number, useGrouping: 0) } “{ $title }”: the client answered { $reaction }
topic-impression = 💬 About report #{ NUMBER($number, useGrouping: 0) } “{ $title }”: { $text }
topic-question = ❓ Question on report #{ NUMBER($number, useGrouping: 0) } “{ $title }”: { $text }
topic-service-accepted = 🛎 The client wants an extra service: <b>{ $service }</b>

## Follow-ups: client side

survey-intro = { $survey_after_days ->
    [7] Hello! It's been a week since the handover ({ $car }).
   *[other] Hello! It's been { $survey_after } since the handover ({ $car }).
    } Your opinion matters to us — 10 short questions, answered with buttons.
survey-progress = Question { $n } of { $total }
survey-ask-car_quality = How do you rate the quality of the car? (1 — poor, 5 — excellent)
survey-ask-expectations = How well does the car match your expectations?
survey-ask-search_speed = How do you rate the speed of the search?
survey-ask-paperwork = How did the paperwork and the legal check go?
survey-ask-price = How well did the price stay within the agreed budget?
survey-ask-transparency = How transparent was our work?
survey-ask-informed = How well did we keep you informed?
survey-ask-relationship = How do you rate your relationship with us?
survey-ask-nps = How likely are you to recommend us to friends? (0 — not at all, 10 — definitely)
survey-ask-comment = Anything to add? Write it — or tap “Skip”.
survey-thanks = Thank you for your answers! They help us do better.
review-ask = We would be very grateful for a review of our work — it helps other people choose.
review-ask-short = We would be glad of your review of our work.
review-reminder = A gentle reminder: we would love your review of our work — it takes a couple of minutes.
review-reminder-short = A reminder: we would be glad of your review.
review-in-chat = You can leave it on the site with the button, or simply write it here.
button-review-link = ⭐ Leave a review
button-review-done = ✅ Done already
review-thanks = Thank you! That means a lot to us.
long-followup = Hello! It's been { $followup_after } since you got your car ({ $car }). How is it going? Any questions or problems we can help with? Just write here.
birthday = 🎉 Happy birthday, { $name }! Smooth roads and only pleasant drives. Your { $firm } team.
birthday-anonymous = 🎉 Happy birthday! Smooth roads and only pleasant drives. Your { $firm } team.

## Follow-ups: managers

survey-label-car_quality = Car quality
survey-label-expectations = Matches expectations
survey-label-search_speed = Search speed
survey-label-paperwork = Paperwork
survey-label-price = Price within budget
survey-label-transparency = Transparency
survey-label-informed = Kept informed
survey-label-relationship = Relationship
survey-label-nps = Recommend (NPS)
survey-label-comment = Comment
topic-survey-low = ⚠️ <b>Low score in the survey — call the client.</b> Answers so far:
topic-survey-done = 📊 <b>The client completed the satisfaction survey:</b>
topic-review = ⭐ <b>The client's review:</b>
    { $text }
topic-long-followup = 📞 The client was asked how the car is doing ({ $followup_after } after handover). The answer will come here.
nag-progress = ⏰ The client has heard nothing for { $hours } h — the promise is broken. Tell them what is happening with the request, or call and record it: /call summary.
escalate-progress = 🚨 Request #{ NUMBER($id, useGrouping: 0) } ({ $name }): the client has had no news for { $hours } h — the promise is broken. Client's topic: { $link }
nag-reply = ⏰ The client has been waiting for an answer for { $hours } h — the promise is broken. Please answer them.
digest =
    ☀️ <b>Morning digest</b>
    Open requests by stage:
    { $stages }
    Without news longer than promised: { $overdue }
    Clients waiting for an answer: { $unanswered }
    Surveys completed yesterday: { $surveys }{ $nps ->
        [none] {""}
       *[other] {" "}(average “would you recommend us” score: { $nps } out of 10)
    }
digest-none = • no open requests
general-topic-failed = ⚠️ Could not create a topic for client { $name }: { $reason }. Turn on Topics in the group settings and give the bot the “Manage topics” right — the topic will appear with the client's next message.
general-group-failed = ⚠️ A message to the topic of client { $name } was not delivered: { $reason }. Check that the topic still exists and that the bot is still an administrator allowed to post in the group.
general-group-failed-nameless = ⚠️ A message to the group was not delivered: { $reason }. Check that the bot is still an administrator allowed to post in the group.
general-dead-letter = ⚠️ A message from client { $name } ({ $channel }) could not be handled in { $attempts ->
        [one] { $attempts } attempt
       *[other] { $attempts } attempts
    }. Please answer them by hand. They wrote: “{ $text }”
dead-letter-no-text = no text
