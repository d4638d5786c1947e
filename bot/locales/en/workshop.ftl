## Service workshop (issue 16): client side

ws-menu-book = 🔧 Book a service visit
ws-weekday-0 = Mon
ws-weekday-1 = Tue
ws-weekday-2 = Wed
ws-weekday-3 = Thu
ws-weekday-4 = Fri
ws-weekday-5 = Sat
ws-weekday-6 = Sun
ws-ask-kind = 🔧 Let's book your visit. What work do you need?
ws-kind = { $kind }
ws-ask-problem = Tell us in your own words what is wrong: text, a photo or a voice message. For a scheduled service just say so.
ws-problem-media = [{ $kind ->
        [photo] a photo
        [voice] a voice message
        [video] a video
        [video_note] a video message
        [audio] audio
        [document] a file
       *[other] an attachment
    } — passed to the manager]
ws-ask-car-known = Which car are you bringing?
ws-car-known = 🚗 { $car }
ws-car-other = Another car
ws-ask-car = Write the car: make, model, year and plate. For example: Kia Rio 2019, A123BC777
ws-ask-odometer = What does the odometer show? Write the kilometres, e.g. 68200.
ws-bad-odometer = I couldn't read that. Write just the number of kilometres, e.g. 68200.
ws-ask-day = Pick a day — only days with free time are shown:
ws-day = { $day }
ws-ask-slot = Free times on { $day }:
ws-other-day = ← Another day
ws-other-time = 🕐 Pick another time
ws-day-full = That day is fully booked now.
ws-no-free-slots = No free time in the next three weeks. Write to us and a manager will find a time.
ws-slot-gone = That time has just been taken or has passed. Please pick another.
ws-use-buttons = Please pick an option below, or press Cancel.
ws-summary =
    Please check your booking:
    🕐 <b>{ $when }</b>
    🔧 { $kind }
    💬 { $problem }
    🚗 { $car }, { $odometer } km
ws-button-book = ✅ Book it
ws-booked =
    ✅ You're booked: <b>{ $when }</b>, { $kind }.
    📍 { $address }
    We'll remind you the day before — you can confirm, reschedule or cancel then.
ws-booked-short = { $firm }: you are booked for service on { $when }, { $kind }. Address: { $address }
ws-address-none = Your manager will tell you the address.
ws-reminder = 🔔 A reminder: your service visit is <b>{ $when }</b> ({ $kind }). Still good?
ws-reminder-short = { $firm }: we expect you at the workshop on { $when }. Still good?
ws-button-confirm = ✅ Confirm
ws-button-reschedule = 🕐 Reschedule
ws-button-cancel-visit = ✖️ Cancel the visit
ws-visit-confirmed = Thank you, see you { $when }!
ws-reschedule-pick = Pick a new time — one tap and the booking moves:
ws-reschedule-pick-short = Pick a new time:
ws-visit-moved = ✅ Your visit is moved to <b>{ $when }</b>. We'll remind you the day before.
ws-visit-cancelled = Your visit on { $when } is cancelled. Book again from the menu whenever it suits you.

## Work order: client side

ws-arrived = 🚗 We received your car at { $when }. The work order follows shortly: we do nothing without your consent.
ws-order =
    🧾 <b>Work order #{ NUMBER($id, useGrouping: 0) }</b>: { $title }
    { $lines }
    Total: <b>{ $total }</b>
    Ready by: <b>{ $when }</b>
    If we find other defects: { $policy }

    Please mark each line — or approve everything at once. No work starts without your yes.
ws-order-short =
    { $firm }: work order #{ NUMBER($id, useGrouping: 0) }: { $title }
    { $lines }
    Total: { $total }. Ready: { $when }.
    Other faults found: { $policy }. We start no work without your yes.
ws-policy-ask = we ask you every time
ws-policy-limit = we go ahead up to { $limit }, and ask above that
ws-policy-never = we do nothing beyond the order
ws-button-approve = ✅ { $n }. { $title }
ws-button-decline = ❌ Decline { $n }
# WhatsApp numbers the options itself: there a line is named by its title
ws-button-approve-option = ✅ { $title }
ws-button-decline-option = ❌ Don't do: { $title }
ws-button-approve-all = ✅ Approve all
ws-line-split = { $line } (labour { $labour }, parts { $parts })
ws-line-approved = ✅ Approved: { $line }
ws-line-already = Already marked: { $line }
ws-order-changed = The work order has changed since that message: we added work it did not show. Nothing was marked — here is the current order:
ws-ask-reason = ❌ Not doing: { $line }. May we ask why?
ws-reason-price = Too expensive
ws-reason-later = I'll do it later
ws-reason-elsewhere = I'll do it elsewhere
ws-reason-other = Another reason
ws-ask-later = When should we remind you about it?
ws-later-button-1m = In a month
ws-later-button-3m = In three months
ws-later-button-next = At my next visit
ws-later-1m = Fine, we'll remind you in a month.
ws-later-3m = Fine, we'll remind you in three months.
ws-later-next = Fine, we'll offer it at your next visit.
ws-order-remaining = { $count ->
        [one] { $count } item is still to mark.
       *[other] { $count } items are still to mark.
    }
ws-order-agreed =
    👍 The work order is agreed: { $count ->
        [one] { $count } item
       *[other] { $count } items
    }, <b>{ $total }</b>.
    Your car will be ready: <b>{ $when }</b>. If anything changes, we'll tell you at once and why.
ws-extra-ask =
    🔎 During the work we found another defect:
    { $line }
    Shall we fix it?
ws-extra-policy-approved = 🔎 We also found: { $line }. It is within your go-ahead up to { $limit }, so we're fixing it. Questions? Just write.
ws-extra-policy-declined = 🔎 We also found: { $line }. As you asked, we do nothing beyond the order — write if you change your mind.
ws-ready-moved = { $later ->
        [yes] 🕐 The ready time has changed: it was { $old }, now <b>{ $new }</b>.
            Reason: { $reason }
            Sorry for the wait. Any questions — just write.
       *[no] 🕐 The ready time has changed: it was { $old }, now <b>{ $new }</b>.
            Reason: { $reason }
            Any questions — just write.
    }
ws-ready-moved-short = { $firm }: your car will be ready { $new }. Reason: { $reason }
ws-progress-step-diagnosis = Diagnosis
ws-progress-step-parts = Waiting for parts
ws-progress-step-work = In work
ws-progress-step-check = Quality check
ws-progress = 🔧 News about your car (work order #{ NUMBER($id, useGrouping: 0) }): <b>{ $step }</b>{ $until }{ $note }
ws-progress-short = { $firm }: your car — { $step }{ $until }
ws-progress-until = We expect the parts on { $date }.
ws-progress-parts-reason = we are waiting for parts, due on { $date }
ws-status-order = 🔧 <b>Your car is in the workshop</b>, work order #{ NUMBER($id, useGrouping: 0) }
ws-status-step = Now: <b>{ $step }</b> (since { $since })
ws-status-ready = The car will be ready: <b>{ $when }</b>

## Bill

ws-bill =
    ✅ <b>Your car is ready!</b> Work order #{ NUMBER($id, useGrouping: 0) }.
    { $lines }
    Total to pay: <b>{ $total }</b>
ws-bill-changes =
    Changes against what you approved:
    { $changes }
ws-bill-added = + { $title } — { $price } (added during the work, { $how })
ws-bill-added-by-client = approved by you
ws-bill-added-by-policy = you allowed such work in advance
ws-bill-removed = − { $title } — { $price } (not done: { $why })
ws-bill-reason-price = too expensive
ws-bill-reason-later = you chose to do it later
ws-bill-reason-elsewhere = you chose to do it elsewhere
ws-bill-reason-other = another reason
ws-bill-declined-by-policy = you asked us to do nothing beyond the order
ws-bill-advice = 💡 Our advice: { $advice }
ws-bill-mechanic = 🔧 Mechanic: { $name }
ws-bill-line-mechanic = { $line } (mechanic: { $name })
ws-bill-thanks = Thank you for trusting us with your car! The bill as a PDF comes next.
ws-button-pay = 💳 Pay
ws-bill-pdf-caption = Bill for work order #{ NUMBER($id, useGrouping: 0) }
ws-bill-short = { $firm }: your car is ready! Work order #{ NUMBER($id, useGrouping: 0) }, to pay { $total }.
ws-pdf-heading = Bill for work order #{ NUMBER($id, useGrouping: 0) }
ws-pdf-total = Total
ws-order-pdf-caption = Work order #{ NUMBER($id, useGrouping: 0) } as you agreed it
ws-doc-order-heading = Work order #{ NUMBER($id, useGrouping: 0) } (version { NUMBER($version, useGrouping: 0) })
ws-doc-page = Work order #{ NUMBER($id, useGrouping: 0) } — page { $page } of { $pages }
ws-doc-inn = INN (taxpayer number) { $inn }
ws-doc-client = Client: { $name }, phone: { $phone }
ws-doc-title = Order: { $title }
ws-doc-accepted = Car received: { $when }
ws-doc-started = Work started: { $when }
ws-doc-finished = Work finished: { $when }
ws-doc-promised = Ready by: { $when }
ws-doc-policy = If we find other faults: { $policy }
ws-doc-car = Car: { $car }
ws-doc-car-words = Car (as the client named it): { $car }
ws-doc-plate = Plate: { $plate }
ws-doc-vin = VIN: { $vin }
ws-doc-odometer = Odometer: { $km } km
ws-doc-col-work = Item
ws-doc-col-hours = Hours
ws-doc-col-price = Amount
ws-doc-col-code = Code
ws-doc-col-labour = Labour
ws-doc-col-parts = Parts
ws-doc-mechanic = Mechanic: { $mechanic }
ws-doc-line-mechanic = { $title } (mechanic: { $mechanic })
ws-doc-col-decision = Decision
ws-doc-status-offered = waiting
ws-doc-status-approved = approved
ws-doc-status-declined = declined
ws-doc-extra = { $title } (found during the work)
ws-doc-total-approved = Approved, total
ws-doc-paid = Paid
ws-doc-due = Due
ws-doc-consent = The client's consent
ws-doc-consent-approved = { $n }. { $title } — { $price }: approved { $when } ({ $how })
ws-doc-consent-declined = { $n }. { $title } — { $price }: declined { $when } ({ $how })
ws-doc-via-line = { $channel }, this item
ws-doc-via-all = { $channel }, the “Approve all” button
ws-doc-via-policy = by the rule the client set in advance
ws-doc-warranty-title = Warranty
ws-doc-warranty = Warranty on the work done: { $terms }{ $both ->
    [yes] , whichever comes first
   *[no] { "" }
}, from the day the car is handed back.
ws-doc-warranty-or = { " " }or{ " " }
ws-doc-warranty-d = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
ws-doc-warranty-mo = { $n ->
    [one] { $n } month
   *[other] { $n } months
}
ws-doc-warranty-y = { $n ->
    [one] { $n } year
   *[other] { $n } years
}
ws-doc-warranty-km = { $km } km
ws-doc-advice = Our recommendations

## Managers

ws-source-client = the client, in chat
ws-source-manager = a manager
ws-source-invitation = from an invitation
ws-card =
    🔧 <b>Service visit #{ NUMBER($id, useGrouping: 0) }</b>: { $when }
    Work: { $kind }
    Problem: { $problem }
    Car: { $car }, { $odometer } km
    Booked by: { $source }
ws-topic-confirmed = ✅ The client confirmed visit #{ NUMBER($id, useGrouping: 0) } ({ $when }).
ws-topic-cancelled = ✖️ The client cancelled visit #{ NUMBER($id, useGrouping: 0) } ({ $when }).
ws-topic-moved = 🕐 The client moved visit #{ NUMBER($id, useGrouping: 0) }: { $old } → { $new }.
ws-book-done = ✅ Booked: #{ NUMBER($id, useGrouping: 0) }, { $when }. The client got a confirmation.
ws-book-by-phone = ✅ Booked the client { $phone }: the booking and the card are in their topic.
ws-book-phone = That does not look like a phone number: { $phone }. For example: /book +7 900 123-45-67 24.11 10:00 service
ws-book-usage = Format: /book [+7…] DD.MM HH:MM kind [note]. Kinds of work: { $kinds }
ws-book-kind = No such kind of work. Kinds: { $kinds }
ws-book-past = That time has passed.
ws-book-not-a-slot = Bookings go by slots. Free that day: { $free }
ws-book-full = No bay is free for { $hours } h from that time before closing. Free that day: { $free }
ws-bad-date = I couldn't read the date: write DD.MM or DD.MM.YYYY.
ws-bad-time = I couldn't read the time: write HH:MM, e.g. 18:00 (or DD.MM HH:MM).
ws-date-far = That date is more than a year from today: please check it (DD.MM or DD.MM.YYYY).
ws-slots =
    📅 <b>Load on { $day }</b>
    { $lines }
    { $bays }
ws-slots-line = { $time } — { $taken }/{ $bays }: { $names }
ws-slots-bay = Bay { $bay } — { $hours } h: { $visits }
ws-slots-total = Booked { $booked } h of { $open } h.
ws-slots-closed = The workshop is closed on { $day }.
ws-walk-in = walk-in
ws-topic-arrived = 🚗 Work order #{ NUMBER($id, useGrouping: 0) } opened at { $when } (booking: { $booking }). Next: /order with its lines.
ws-order-already-open = Work order #{ NUMBER($id, useGrouping: 0) } is already open. Lines go with /order, findings during the work with /extra.
ws-order-already-sent = Work order #{ NUMBER($id, useGrouping: 0) } is already with the client. Findings: /extra line | price; finished: /done.
ws-order-usage =
    Work order format:
    /order Service 3, Kia Rio 2019, 68 200 km
    Oil and filter change | 3 500
    Front brake pads | 2 000 + 4 200 (labour + parts)
    TO-1 (a price list code)
    Ready: 18:00
    Extra: ask (or "up to 5000", or "never")
ws-order-bad-line = I couldn't read the line "{ $line }": write "work or part | price", "work | 2000 + 3500" (labour + parts) or a price list code.
ws-order-unknown-code = Code "{ $code }" is not in the price list. Close ones: { $near }.
ws-order-unknown-code-none = Code "{ $code }" is not in the price list. Write a code from the price list or a line "work | price".
ws-order-bad-policy = Extra: "ask", "up to 5000" or "never".
ws-order-limit-too-big = That extra-work limit is too large: { $most } ₽ at most.
ws-order-no-ready = Give the promised time: a line "Ready: 18:00".
ws-ready-past = That time has passed: give a future one.
ws-topic-order-sent = 🧾 Work order #{ NUMBER($id, useGrouping: 0) } is with the client: { $count } line(s), { $total }, ready by { $when }. Waiting for consent.
ws-topic-line-approved = ✅ The client approved: { $line }
ws-topic-line-declined = ❌ The client declined: { $line }
ws-topic-reason = Reason for declining ({ $line }): { $reason }
ws-topic-all-approved = ✅ The client approved everything on work order #{ NUMBER($id, useGrouping: 0) }.
ws-topic-order-agreed = 👍 Work order #{ NUMBER($id, useGrouping: 0) } decided: { $count } approved, { $declined } declined, { $total }. Go ahead.
ws-extra-no-order = Send the work order to the client first (/order).
ws-topic-extra-asked = 🔎 The extra work went to the client for consent: { $line }
ws-topic-extra-policy-approved = 🔎 { $line } — approved by the client's rule (up to { $limit }); the client was told.
ws-topic-extra-policy-declined = 🔎 { $line } — the client chose "nothing beyond the order": not done; the client was told.
ws-ready-no-order = The client has no work order in progress.
ws-ready-reason = Give the new time and the reason: /ready 19:30 waiting for a part. Without a reason the client is not told.
ws-topic-ready-moved = 🕐 Ready time of #{ NUMBER($id, useGrouping: 0) } moved: { $old } → { $new }. The client was told with the reason.
ws-topic-promise-soon = ⏰ In 30 minutes the promised time of #{ NUMBER($id, useGrouping: 0) } ({ $when }) passes, and the order is not done. On track? If not: /ready new time and reason.
ws-topic-promise-lapsed = ⚠️ The promised time of #{ NUMBER($id, useGrouping: 0) } ({ $when }) has passed and the car is not handed back. Tell the client: /ready new time and reason.
ws-general-promise-lapsed = ⚠️ Workshop: the promised time of work order #{ NUMBER($id, useGrouping: 0) } ({ $when }) for { $name } has passed.
ws-done-no-order = The client has no work order in progress.
ws-mech-usage = Format: /mech @mechanic or /mech Name — who does the work order; /mech 2 @mechanic — who does line 2; "-" instead of a name clears it.
ws-mech-bad-line = I couldn't read the line number "{ $line }": write it in digits, like /mech 2 @mechanic.
ws-mech-bad-name = A mechanic is a Telegram @username or a name of up to 40 characters, like /mech Peter.
ws-mech-no-order = The client has no work order in progress: /arrived or /order first.
ws-mech-no-line = The work order has no line { $n }: { $count ->
        [one] it has { $count } line.
       *[other] it has { $count } lines.
    }
ws-mech-order = 🔧 Work order #{ NUMBER($id, useGrouping: 0) } is done by { $name }
ws-mech-line = 🔧 Line { $n } ("{ $title }") is done by { $name }
ws-mech-nobody = nobody assigned
ws-done-undecided = The client has not answered every line yet: nothing goes on the bill without consent. Wait for the answer or ask the client.
ws-done-changed = The client changed the work order while the bill was being prepared. Send /done again.
ws-topic-done = ✅ Work order #{ NUMBER($id, useGrouping: 0) } closed at { $when }, { $total }. On time: { $on_time }
ws-on-time-yes = yes
ws-on-time-no = no
ws-on-time-unknown = —
ws-manager-help =
    <b>Workshop</b> (in a client's topic):
    /book DD.MM HH:MM kind [note] — book a client who phoned
    /book +7… DD.MM HH:MM kind — the same by phone number (General too): a client with no chat with the bot gets SMS
    /slots [DD.MM] — the day's load (General too)
    /arrived — the car is here: open the work order and the reception act
    /act + lines “Odometer:”, “Fuel:”, “Damage:”, “Items:”, “Complaint:”, “Stay: wait | leave | courtesy” — the reception act to the client to confirm; photos with the caption /act; /act send — send it again
    /order title + lines "work | price" (or "| labour + parts", or a price list code), "Ready: 18:00", "Extra: ask | up to 5000 | never" — for the client's consent
    /extra work | price — found during the work (photos in the same caption or just before)
    /ready HH:MM reason — move the promised time (a reason is required)
    /paid amount [cash | card | transfer] — a payment on the work order: a receipt to the client, paid and due on the bill
    /done [advice] — the car is ready: bill, PDF, payment
    /mech @mechanic — who does the work order; /mech 2 @mechanic — line 2
    /qc — the check before release, with buttons (/qc 2 5, /qc all); /done reason … — release with items open
    /progress step [DD.MM] [note] — where the car is, told to the client (diagnosis, parts 12.12 — parts due that day, work, check — with the check)

## Payment on a work order (/paid, issue 24)

ws-paid-usage = A payment on a work order: /paid amount [cash | card | transfer], like /paid 7400 card. A deal's payment says what it was for: /paid #12 150000 deposit
ws-paid-no-order = The client has no work order to record a payment on. A deal's payment says what it was for: /paid 150000 deposit
ws-paid-nothing-yet = Work order #{ NUMBER($id, useGrouping: 0) } has no approved work yet: nothing to pay for.
ws-paid-over = Not recorded: { $amount } is more than is due on work order #{ NUMBER($id, useGrouping: 0) } (total { $total }, paid { $paid }, due { $due }).
ws-paid-receipt = 🧾 We received a payment for work order #{ NUMBER($id, useGrouping: 0) }: <b>{ $amount }</b>{ $method ->
    [cash] , in cash
    [card] , by card
    [transfer] , by transfer
   *[other] { "" }
}.
ws-paid-done = ✅ Recorded { $amount }{ $method ->
    [cash] { " " }in cash
    [card] { " " }by card
    [transfer] { " " }by transfer
   *[other] { "" }
} for work order #{ NUMBER($id, useGrouping: 0) }; the client got a receipt. { $summary }
ws-bill-paid = 💰 Paid: { $paid }, still due: <b>{ $due }</b>

## The reception act (/act, issue 24)

ws-act-ask =
    📋 The reception act for work order #{ NUMBER($id, useGrouping: 0) }: fill it in and send it with /act; damage photos each with the caption /act.
    Stay: wait, leave or courtesy. Once the odometer, the fuel and the stay are there, the act goes to the client to confirm.
    <pre>{ $form }</pre>
ws-act-shown =
    📋 The reception act, work order #{ NUMBER($id, useGrouping: 0) }:
    { $act }
    To change it, /act with lines:
    <pre>{ $form }</pre>
ws-act-recorded = 📋 The reception act for work order #{ NUMBER($id, useGrouping: 0) } is recorded. Before it can go to the client it needs: { $missing }.
ws-act-photo = 📷 Photo attached to the reception act, { $count } in all. Send the act to the client: /act send
ws-act-sent = 📋 The reception act for work order #{ NUMBER($id, useGrouping: 0) } (version { $version }) went to the client to confirm.
ws-act-no-order = Open the work order first: /arrived.
ws-act-photo-kind = A reception act takes photos, videos or files.
ws-act-incomplete = The reception act cannot go yet: it needs { $missing }.
ws-act-unchanged = The reception act (version { $version }) is with the client already, and nothing has changed since.
ws-act-invalid =
    The reception act was not recorded:
    { $problems }
    Correct it and send it again:
    <pre>{ $form }</pre>
ws-act-unknown-line = a line I cannot read, “{ $line }”: the lines are Odometer, Fuel, Damage, Items, Complaint, Stay
ws-act-bad-odometer = odometer “{ $typed }”: digits, like 68 200 (up to 2 000 000)
ws-act-bad-fuel = fuel “{ $typed }”: like 1/2, 3/4, 40%, full or reserve
ws-act-bad-stay = stay “{ $typed }”: one of wait, leave or courtesy
ws-act-bad-damage = damage: text up to { $limit } characters
ws-act-bad-items = items: text up to { $limit } characters
ws-act-bad-complaint = complaint: text up to { $limit } characters
ws-act-field-odometer = Odometer
ws-act-field-fuel = Fuel
ws-act-field-damage = Damage
ws-act-field-items = Items
ws-act-field-complaint = Complaint
ws-act-field-stay = Stay
ws-act-stay-word-wait = wait
ws-act-stay-word-leave = leave
ws-act-stay-word-courtesy = courtesy
ws-act =
    📋 <b>Reception act</b> for work order #{ NUMBER($id, useGrouping: 0) }
    { $act }

    Please check it. If it is right, press “✅ All correct”; if something is wrong, write to us.
ws-act-line = { $field }: { $value }
ws-act-label-odometer = Odometer
ws-act-label-fuel = Fuel
ws-act-label-damage = Visible damage
ws-act-label-items = Things left in the car
ws-act-label-complaint = The client's complaint, in their words
ws-act-label-stay = While the car is in work
ws-act-stay-wait = the client waits on site
ws-act-stay-leave = the client leaves the car
ws-act-stay-courtesy = the client has a courtesy car
ws-act-km = { $km } km
ws-act-fuel-full = full tank
ws-act-fuel-reserve = on reserve
ws-act-with-photos = { $damage } (photos: { $count })
ws-act-photo-caption = 📷 For the reception act, work order #{ NUMBER($id, useGrouping: 0) }
ws-act-button-confirm = ✅ All correct
ws-act-confirmed = Thank you! The reception act is confirmed.
ws-act-already = You have confirmed this reception act already.
ws-act-changed = The reception act has changed since; here it is now.
ws-topic-act-confirmed = ✅ The client confirmed the reception act (version { $version }): { $when }.
ws-doc-act = Reception act
ws-doc-act-confirmed = Confirmed by the client: { $when } ({ $channel }, version { $version })
ws-doc-act-unconfirmed = The client has not confirmed the reception act yet.
ws-doc-act-newest-unconfirmed = The client has not confirmed version { $version }, with the latest changes, yet.
ws-doc-act-changed = The act was changed after version { $version }; the client has not been sent the changes yet.

## The quality check before release (/qc, issue 24)

ws-qc-item-road_test = Road test
ws-qc-item-lines_done = All approved work done
ws-qc-item-fluids = Fluids
ws-qc-item-wheel_torque = Wheel torque
ws-qc-item-interior = Interior clean
ws-qc-item-old_parts = Old parts offered
ws-qc-list = 🔍 <b>Check before release, work order #{ NUMBER($id, useGrouping: 0) }:</b> { $done } of { $total } ticked
    { $lines }
    Tick an item or take a tick back with its button: whoever presses is the one who checked. By command: /qc 2 5, take back: /qc 3 -, all at once: /qc all. Release without a full check: /done reason …
ws-qc-line-checked = ✅ { $position }. { $item } — { $who }, { $when }
ws-qc-usage = Could not read that. Write item numbers from 1 to { $count }: /qc 2 5; take a tick back: /qc 3 -; all at once: /qc all; release without a full check: /qc skip reason.
ws-qc-none = QC_CHECKS has no items: nothing to check.
ws-qc-no-order = The client has no work order in progress: nothing to check.
ws-qc-press-stale = This button is out of date. Open the check again: /qc
ws-qc-already-on = This item is already ticked: { $item }
ws-qc-already-off = This item is not ticked: { $item }
ws-qc-open = The car is not released yet: the check before release (work order #{ NUMBER($id, useGrouping: 0) }) is not finished; not ticked: { $items }. Tick them in /qc or release with a reason: /done reason …
ws-qc-needs-reason = Write the reason: /done reason … (or /qc skip reason). It is kept with the items not ticked.
ws-qc-reason-too-long = The reason is longer than { $limit } characters, please shorten it.
ws-qc-nothing-to-skip = Every item is ticked: nothing to skip.
ws-qc-waived = ⚠️ Work order #{ NUMBER($id, useGrouping: 0) } is released without a full check. Not ticked: { $items }. Reason: “{ $reason }”
ws-stats-qc = Released without a full check: { $waived } of { $done }
ws-stats-floor-hours = Norm hours: { $sold } h sold of { $available } h ({ $share })
ws-stats-floor-days = By day: { $days }
ws-stats-floor-days-export = By day — in the /export file.
ws-stats-floor-top = Most frequent work: { $top }
ws-stats-floor-average = Average work order: { $average } (closed: { $orders })
ws-stats-floor-mechanics = By mechanic:
ws-stats-floor-no-mechanics = By mechanic: —
ws-stats-floor-mechanic = • { $name }: work orders { $orders }, { $hours } h, comebacks { $comebacks }, quality { $quality } ({ $checks })
ws-stats-floor-nobody = no mechanic
ws-stats-acts = Reception acts confirmed by the client: { $confirmed } of { $sent } sent ({ $share })
ws-stats-steps = Time per step, on average: { $steps }
ws-stats-step = { $step } — { $hours } h ({ $count })

## Where the car is (/progress, issue 24)

ws-topic-progress = 🔧 Work order #{ NUMBER($id, useGrouping: 0) }: { $step }{ $until }. The client was told.
ws-progress-usage = Could not read the step. Write one of them (key or name): { $steps }. For example: /progress parts 12.12
ws-progress-none = WORKSHOP_PROGRESS has no steps.
ws-progress-no-order = The client has no work order in progress: /arrived first.
ws-progress-past = That day has passed. Write when the parts are due, for example: /progress parts 12.12
ws-progress-note-too-long = The note is longer than { $limit } characters, please shorten it.

## After the visit: the check, comebacks, the review

ws-check-intro = Hello! A few days ago we serviced your car (work order #{ NUMBER($id, useGrouping: 0) }). How did it go? Six short questions, answered with buttons.
ws-check-intro-short = { $firm }: how was your service visit (work order #{ NUMBER($id, useGrouping: 0) })? Six short questions, answered with a digit.
ws-check-ask-quality = How do you rate the quality of the work? (1 — poor, 5 — excellent)
ws-check-ask-on_time = Was the car ready on time? (1 — very late, 5 — right on time)
ws-check-ask-clarity = How clearly did we explain the work and the bill?
ws-check-ask-staff = How do you rate our staff?
ws-check-ask-nps = How likely are you to recommend our workshop to friends? (0 — not at all, 10 — certainly)
ws-check-ask-problem_back = Has the problem you came with come back?
ws-check-yes = Yes, it's back
ws-check-no = No, all good
ws-check-ask-comment = Anything to add? Write it — or press Skip.
ws-check-ask-comment-short = Anything to add? Reply with it.
ws-check-thanks = Thank you for your answers! They help us do better.
ws-check-label-quality = Quality
ws-check-label-on_time = On time
ws-check-label-clarity = Clarity
ws-check-label-staff = Staff
ws-check-label-nps = Recommend
ws-check-label-problem_back = Problem back (1 — yes)
ws-topic-comeback = 🔁 <b>Comeback:</b> the client's problem is back after work order #{ NUMBER($id, useGrouping: 0) }. Call them and invite them for a free check.
ws-general-comeback = 🔁 Workshop: a comeback — { $name }, the problem is back after work order #{ NUMBER($id, useGrouping: 0) }.
ws-topic-check-low = ⚠️ <b>Low score after the visit (#{ NUMBER($id, useGrouping: 0) }):</b> { $question } — { $value }. Call the client.
ws-topic-check-done = 📋 After-visit check (#{ NUMBER($id, useGrouping: 0) }): { $answers }. Comment: { $comment }

## Active invitations and deferred work

ws-invite =
    🔧 Time for a service:
    { $items }
    Pick a time — one tap and you're booked:
ws-invite-interval = • { $days ->
        [one] { $days } day
       *[other] { $days } days
    } since your last service or since you bought the car
ws-invite-km = • by our estimate your car is nearing { $km } km
ws-invite-deferred = • put off last time: { $title } — { $price }
ws-button-no-reminders = 🔕 Don't remind me
ws-no-reminders = Fine, no more service reminders. You can book any time from the menu.
ws-already-booked = You already have a booking — see you then! You can move it from the reminder the day before.
ws-booking-limit =
    You already have { $count ->
        [one] { $count } visit
       *[other] { $count } visits
    } booked:
    { $bookings }
    That is as many as we hold for one client at a time. To book another, cancel one of them below or write to us.
ws-button-cancel-this = ✖️ Cancel { $when }
ws-deferred-back =
    🔧 You asked us to remind you about this work:
    { $title } — { $price }
    Book in one tap:
ws-topic-invited =
    📨 The client was invited for a service:
    { $items }
ws-topic-deferred-back = 📨 The client was reminded of deferred work: { $title }
ws-topic-no-reminders = 🔕 The client asked not to be reminded about services.

## Figures

ws-stats =
    🔧 <b>Workshop</b> ({ $first } — { $last })
    Bookings made: { $bookings }
    Came: { $arrived } of { $expected } ({ $show }); no-shows: { $no_shows }; cancelled: { $cancelled }
    Promised time kept: { $kept } of { $done } ({ $kept_share })
    Lines approved: { $approved } of { $offered } ({ $approved_share }); by sum { $approved_sum } of { $offered_sum } ({ $sum_share })
    Declined by reason: { $declined }
    Comebacks (30 days): { $comebacks }; "problem back": { $problem_back }
    After-visit check ({ $checks }): quality { $quality }, on time { $on_time }, clarity { $clarity }, staff { $staff }; NPS { $nps }
ws-stats-reason-price = price
ws-stats-reason-later = later
ws-stats-reason-elsewhere = elsewhere
ws-stats-reason-other = other
ws-stats-reason-policy = by the client's rule
ws-export-caption = Work orders { $first } — { $last }: { $rows }
ws-export-days-caption = Norm hours by day { $first } — { $last }: { $rows }
ws-export-day-col-day = Day
ws-export-day-col-sold = Sold, h
ws-export-day-col-available = Available, h
ws-export-day-col-share = Load
ws-export-mechanics-caption = Mechanics { $first } — { $last }: { $rows }
ws-export-mech-col-mechanic = Mechanic
ws-export-mech-col-orders = Work orders
ws-export-mech-col-hours = Norm hours
ws-export-mech-col-comebacks = Comebacks
ws-export-mech-col-checks = Checks answered
ws-export-mech-col-quality = Quality (1–5)
ws-export-col-id = No.
ws-export-col-client = Client
ws-export-col-title = Work order
ws-export-col-car = Car
ws-export-col-opened_at = Opened
ws-export-col-sent_at = Sent to the client
ws-export-col-first_promised_at = First promised
ws-export-col-promised_at = Finally promised
ws-export-col-closed_at = Closed
ws-export-col-extra_policy = Extra work
ws-export-col-extra_limit = Extra work limit, ₽
ws-export-col-lines = Lines
ws-export-col-approved = Lines approved
ws-export-col-offered_sum = Offered, ₽
ws-export-col-total = Approved, ₽
ws-export-col-qc_waived = Released without a full check: reason
ws-export-col-act_confirmed_at = Reception act confirmed

## Odometer, deferred work on the card

ws-ask-km = 🚗 What does your odometer show now? Last time it was { $km } km. Write the number — so we remind you of the service in time.
ws-km-thanks = Thank you, noted! We'll remind you when the service is due.
ws-km-skipped = Fine. To book a service visit, use the button in the menu.
ws-card-deferred =
    Work the client put off (offer it again):
    { $items }
ws-topic-no-show = 🚫 The client did not come for visit #{ NUMBER($id, useGrouping: 0) } ({ $when }). Call them: is all well? Offer another time (/book).
ws-resume = Now back to what you had not finished: answer the last question above. /new shows your car request again.
ws-booking-cancelled = Booking cancelled — nothing was saved. You can book any time from the menu.
