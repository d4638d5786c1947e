# The demo (python -m bot demo): its people, its settings in words, and the page.

demo-person-first = John
demo-person-second = Emma
demo-person-third = Maria
demo-person-manager = Olga
demo-group-title = CarCare managers
demo-extra-services = Registration with the traffic police;Insurance;Detailing and polishing
demo-service-kinds = Maintenance:2h;Diagnostics:1h;Repair:3h;Tyres:1h;Other:1h
demo-workshop-address = 1 Motor Street, London

demo-page-title = CarCare — demo
demo-page-lead = The real bot: the client's phone on the left, the managers' group on the right. Telegram and WhatsApp here are stand-ins running inside the process.
demo-client-pane = Client's phone
demo-group-pane = Managers' group
demo-general = General
demo-start = Start the bot
demo-placeholder = Message
demo-send = Send
demo-attach = Attach
demo-samples = Car photos
demo-upload = A file from your computer…
demo-reply = Reply
demo-replying = Replying to:
demo-cancel = Cancel
demo-clock = Demo time
demo-plus-hour = +1 hour
demo-plus-day = +1 day
demo-plus-week = +1 week
demo-clock-moving = time passing…
demo-pinned = Pinned
demo-topic-created = Topic created: { $name }
demo-topic-renamed = Topic renamed: { $name }
demo-no-topics = Clients' topics appear here after the first request.
demo-writing-as = You write as { $name }, a manager
demo-online = bot
demo-whatsapp-hint = WhatsApp shows the options as numbers: answer with a number.
demo-edited = edited
demo-album = Album: { $count } photos
demo-tour = Guided tour
demo-tour-do = Show this step
demo-tour-next = Next
demo-tour-back = Back
demo-tour-close = Close
demo-tour-running = Running…
demo-tour-of = Step { $n } of { $total }
demo-tour-promise-label = What the procedure promises
demo-tour-intro = The tour walks through the firm's procedure: do each step yourself on the page, or press "Show this step".
demo-failed = That did not work: { $reason }

demo-tour-no-button = the button is not there: do the tour's earlier steps first
demo-tour-no-topic = the client has no topic yet: start the tour from its first step

demo-tour-intake = A new client makes a request
demo-tour-intake-promise = At the first contact, describe the whole process, its stages and timeline, and show personal interest. The managers get the client's topic at once, with the request card pinned.
demo-tour-answer = The manager's first answer
demo-tour-answer-promise = The client never waits: whatever the manager writes in the client's topic reaches the client at once, and the client's answers come back to the topic. The first answer's time goes into the figures.
demo-tour-report = An inspection report with photos
demo-tour-report-promise = Explain every car found: all its merits and flaws, the inspection report. An album with the report as its caption reaches the client with the report's card and buttons.
demo-tour-interested = The client: "Interested"
demo-tour-interested-promise = The client's impression is kept with that car; the manager sees it in the topic, and the request moves on to inspection and negotiation.
demo-tour-news = Deal news
demo-tour-news-promise = Keep the client informed about the deal and delivery at least every two days; a reliable delivery date, any change told at once with its reason.
demo-tour-handover = Handover
demo-tour-handover-promise = At handover, explain the car, discuss its flaws, offer extra services (registration): the client accepts one with a tap.
demo-tour-survey = +1 week: the survey
demo-tour-survey-promise = A week after handover, ask about satisfaction with the result and the process: eight scores, NPS and a comment. A low score alerts the managers at once.
demo-tour-review = The review request
demo-tour-review-promise = Ask for a written review; one reminder if the client has not answered.
demo-tour-booking = Workshop: booking a visit
demo-tour-booking-promise = A booking in a free slot; the day before, a reminder with confirm / reschedule / cancel buttons.
demo-tour-order = The work order, approved line by line
demo-tour-order-promise = Explain the work and its duration; do nothing without the client's consent. Every press is the consent record.
demo-tour-bill = The bill
demo-tour-bill-promise = A check before release, a reliable timetable and an itemised bill: approved work only, the PDF in the chat.
demo-tour-check = +5 days: the check
demo-tour-check-promise = Contact the client within 5 days of the visit: is everything fine with the car?

demo-tour-say-answers = John Smith|BMW X5|2019-2022|2 500 000|four-wheel drive, automatic|serious accidents|London|within two months|12.03.1985
demo-tour-say-answer = Good afternoon, John! I'm Olga and I lead your request. I'm already looking at X5s around London: the first options tomorrow.
demo-tour-say-report =
    /report BMW X5, 2020
    Price: 2 350 000 ₽
    Mileage: 54 000 km
    Owners: 1
    + one owner
    + full service history
    - chip on the windscreen
    - left wing repainted
    Verdict: recommended
demo-tour-say-stage_note = the seller is ready to lower the price
demo-tour-say-eta_reason = the car comes by car transporter from Manchester
demo-tour-say-handover_note = summer tyres in the boot
demo-tour-say-comment = All great, thanks to Olga!
demo-tour-say-review = They found the car in two weeks, explained everything, and there was news every day. Recommended!
demo-tour-say-booking_note = scheduled maintenance
demo-tour-say-order =
    /order Service 1, BMW X5 2020
    Oil and filter change | 3 500
    Front brake pads | 6 200
    Ready: 18:00
    Extra: ask
demo-tour-say-advice = rear brake pads in 10 000 km
demo-tour-say-qc = /qc all
