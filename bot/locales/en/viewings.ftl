## Viewings and test drives of a reported car (bot/services/inspection/viewings.py, docs/viewings.md)

viewing-button-want = 👀 I'd like to see it
viewing-kind-viewing = viewing
viewing-kind-test_drive = test drive
viewing-car = No. { NUMBER($number, useGrouping: 0) }, { $title }
viewing-ask-kind = Let's arrange it: { $title }. Would you like to look at the car or test-drive it?
viewing-ask-slot = When suits you? Choose a time or write your own, e.g. 12.12 15:00 or "Saturday afternoon".
viewing-ask-time = When suits you? Write a day and time, e.g. 12.12 15:00 or "Saturday afternoon".
viewing-use-buttons = Please choose with a button: a viewing or a test drive. We passed your message to the manager.
viewing-slot-gone = That time is taken now — please choose another.
viewing-odd-digits = Please write the time with ordinary digits 0–9, e.g. 12.12 15:00.
viewing-wish-too-long = That's too long: please write the day and time in at most { $most } characters.
viewing-past = That time has passed — please choose another.
viewing-far = That is more than { $days } { $days ->
        [one] day
       *[other] days
    } ahead — please choose a sooner time.
viewing-busy = Let's finish the current question first, then tap "👀 I'd like to see it" again.
viewing-deal-ended = Request No. { NUMBER($id, useGrouping: 0) } is closed, so we don't arrange viewings for it. If you'd like to see the car, write to your manager.
viewing-asked = { $timed ->
        [yes] Noted: { $kind }, { $when }. The manager will confirm the time or suggest another.
       *[no] Noted: { $kind }, "{ $when }". The manager will suggest an exact time.
    }
viewing-already-asked = You've already asked to see this car — the manager will answer soon. You can choose another time or cancel.
viewing-already-confirmed = The viewing is already arranged: { $when }.
viewing-button-accept = ✅ That suits me
viewing-button-other = 🕑 Another time
viewing-button-cancel = ❌ Cancel the viewing
viewing-proposed = We suggest this time for the { $kind } of car { $car }: <b>{ $when }</b>. Does it suit you?
viewing-confirmed = ✅ Agreed: { $kind } of car { $car } — <b>{ $when }</b>. We'll remind you beforehand.
viewing-reminder = ⏰ A reminder: { $kind } of car { $car } — <b>{ $when }</b>.
viewing-how = How was the { $kind } of car { $car }? Tell us what you think: tap a button or just write.
viewing-cancelled = The viewing is cancelled. To see the car again, tap "👀 I'd like to see it" under the report.
viewing-cancelled-by-us = The viewing of car { $car } is cancelled. Your manager will tell you what's next.

viewing-words = "{ $words }" (the client's words)
viewing-topic-asked = 👀 The client would like to see car { $car } of request #{ NUMBER($id, useGrouping: 0) }: { $kind }, { $when }.
    Confirm with the button or propose another time: /viewing #{ NUMBER($id, useGrouping: 0) } DD.MM HH:MM, or reply "DD.MM HH:MM" to this message
viewing-button-confirm = ✅ Confirm
viewing-button-propose = 🕑 Propose another time
viewing-propose-how = { $calendar ->
        [yes] Choose a time or write your own:
       *[no] Write the time:
    } /viewing #{ NUMBER($id, useGrouping: 0) } 12.12 15:00
viewing-proposed-topic = 🕑 A viewing time was proposed to the client for request #{ NUMBER($id, useGrouping: 0) }: { $when }. Waiting for the answer.
viewing-confirmed-topic = ✅ Viewing for request #{ NUMBER($id, useGrouping: 0) } arranged: { $kind }, { $when }. The client will be reminded beforehand.
viewing-already-confirmed-topic = The viewing for request #{ NUMBER($id, useGrouping: 0) } is already confirmed — nothing changed.
viewing-topic-cancelled = ❌ The client cancelled the viewing of car { $car } for request #{ NUMBER($id, useGrouping: 0) }.
viewing-cancelled-topic = ❌ The viewing for request #{ NUMBER($id, useGrouping: 0) } is cancelled; the client was told.
viewing-held-topic = 👀 The viewing time for request #{ NUMBER($id, useGrouping: 0) } ({ $when }) has passed — the client was asked for their impression.
viewing-press-stale = This button is out of date: the viewing has changed or was cancelled. The request's viewings: /viewing
viewing-none-open = Request #{ NUMBER($id, useGrouping: 0) } has no open viewing: the client asks for one with "👀 I'd like to see it" under a report.
viewing-usage = Format: /viewing #{ NUMBER($id, useGrouping: 0) } 12.12 15:00 to propose a time; /viewing #{ NUMBER($id, useGrouping: 0) } cancel to cancel it; /viewing for the list.
viewing-list = 👀 Viewings for request #{ NUMBER($id, useGrouping: 0) }:
    { $lines }
viewing-list-none = no viewings
viewing-list-line = • { $car }: { $kind }, { $when } — { $status }
viewing-status-asked = the client asks
viewing-status-proposed = proposed to the client
viewing-status-confirmed = arranged
viewing-status-held = held
viewing-status-cancelled = cancelled
viewing-stats = 👀 <b>Viewings and test drives</b> in the period: asked { $asked }, arranged { $confirmed }, held { $held }
