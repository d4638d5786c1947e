## The manager's working day: several requests, calls, warnings, search, changes

deal-not-found = This client has no request #{ NUMBER($id, useGrouping: 0) }. See the numbers in /status.
deal-needs-number = The client has several open requests ({ $ids }). Send /{ $command } again with the request number first, e.g. /{ $command } #{ NUMBER($first, useGrouping: 0) }
deal-which = The client has several open requests. Which one is /{ $command } for? Press it.
# A message to the client about one request, while another is open too
deal-about = 📌 Request #{ NUMBER($id, useGrouping: 0) }, { $car }
deal-button = #{ NUMBER($id, useGrouping: 0) } { $car } · { $stage }
deal-choice-done = This command was already carried out. To repeat it, send it with the request number, e.g. /stage #12 paid.
card-other-request = Also open: request #{ NUMBER($id, useGrouping: 0) }, { $car } — { $stage }

call-empty = Write what you talked about: /call We discussed two cars, the client decides by Friday. To send the summary to the client too: /call! …
call-saved = 📞 Call recorded. It counts as news for the client; see it in /notes and /status.
call-saved-told = 📞 Call recorded, the summary was sent to the client.
call-to-client = 📞 A short summary of our call: { $summary }
    If we missed anything, just write here.
notes = <b>Calls and notes</b>
    { $entries }
notes-none = No calls or notes yet. Record a call: /call summary; a note: /note text.
manager-status = { $text }
status-interval = News for request #{ NUMBER($id, useGrouping: 0) }: at least every { $hours } h (change: /every #{ NUMBER($id, useGrouping: 0) } 24h).
status-calls = <b>Calls:</b>

warn-progress = ⏳ In { $left } h the client will have gone { $hours } h without news. Write to them, or call and record it: /call summary.
warn-reply = ⏳ In { $left } h the client will have waited { $hours } h for an answer. Please answer them.
escalate-reply = 🚨 { $name } has waited { $hours } h for an answer — the promise is broken. Client's topic: { $link }
answer-soon = { $promise ->
        [service] ⏳ The client is waiting to hear about the extra service “{ $service }”: the promised time ({ $hours } working h) is over in { $left } h. Please write to them in this topic.
       *[critique] ⏳ The client's critique is waiting for an answer: the promised time ({ $hours } working h) is over in { $left } h. Please answer them in this topic.
    }
answer-lapsed = { $promise ->
        [service] ⏰ Nobody contacted the client about the extra service “{ $service }” within { $hours } working h — the promise is broken. Please write to them in this topic.
       *[critique] ⏰ The client's critique had no answer within { $hours } working h — the promise is broken. Please answer them in this topic.
    }
answer-lapsed-general = { $promise ->
        [service] 🚨 { $name }: nobody contacted them about the extra service “{ $service }” within { $hours } working h — the promise is broken. Client's topic: { $link }
       *[critique] 🚨 { $name }: critique without an answer for { $hours } working h — the promise is broken. Client's topic: { $link }
    }
general-critique =
    ✍️ Critique from { $name }, for { $owners }:
    { $text }
    Client's topic: { $link }

change-topic = ✏️ Request #{ NUMBER($id, useGrouping: 0) } changed. { $field }: { $old } → { $new }. The card is updated.
set-usage = I did not understand what to change («{ $word }»). Write the field and the new value, e.g. /set #12 budget 2.5m. Fields: { $names }.
set-invalid = That did not work: { $problem } Correct the value and send /set again.
set-tz-done = 🕰 The client's time zone: { $zone }. Automatic messages go within contact hours on their clock; the card is updated.
set-tz-invalid = I could not read the time zone «{ $text }». Write a name like Asia/Novosibirsk or a city: /set #12 tz Novosibirsk.
every-invalid = I did not understand the interval. Write e.g. /every 24h or /every 2d (1 hour to 30 days). Back to the usual one: /every off.
every-to-client = 📣 Agreed: you will hear from us on this request { $news_promise }.
every-done = Done: for request #{ NUMBER($id, useGrouping: 0) } I will remind you when the client has gone { $hours } h without news (with a warning before). The client was told.
every-reset = Done: request #{ NUMBER($id, useGrouping: 0) } is back on the usual news interval. The client was told.

find-usage = What should I look for? Write a phone, a name, a car, a city or a request number: /find +7 916 123-45-67
find-none = Nobody found for «{ $text }». Try part of a name, a car make or a phone.
find-found = Found: { $count }
    { $lines }
open-none = No open requests. New ones appear here when a client submits a request.
open-list = <b>Open requests: { $count }</b> (longest without news first)

    { $stages }
open-days = { $days ->
    [0] news today
    [one] { $days } day without news
   *[other] { $days } days without news
}
digest-overdue-list = <b>Without news longer than promised:</b>
    { $lines }
digest-waiting-list = <b>Waiting for an answer:</b>
    { $lines }
digest-waiting-hours = — waiting { $hours } h
digest-group =
    ☀️ <b>Morning digest</b>
    Clients waiting for an answer: { $unanswered }
topic-elsewhere = ↔️ This client also has a topic in the { $group } group: { $link }
group-home = main

deviation-eta-passed = ⚠️ Request #{ NUMBER($id, useGrouping: 0) }: the delivery date { $date } has passed and the car is not marked as arrived. Tell the client the new date: /eta #{ NUMBER($id, useGrouping: 0) } DD.MM.YYYY reason.
deviation-deadline-near = ⚠️ Request #{ NUMBER($id, useGrouping: 0) }: the client's deadline ({ $date }) is a week away or less and the search goes on. Discuss the options with the client.
deviation-hard-ran-out = ⚠️ Request #{ NUMBER($id, useGrouping: 0) }: the hard search's estimate ({ $time }) has run out and no car is found yet. Tell the client how it goes and how long to wait: /hard #{ NUMBER($id, useGrouping: 0) } new time; reason.
deviation-deadline-passed = ⚠️ Request #{ NUMBER($id, useGrouping: 0) }: the client's deadline ({ $date }) has passed and the search goes on. Call the client and agree on what to do next.

lead-usage = Who leads the client? Write /lead @username or /lead Name.
lead-unknown = I do not know a manager «{ $name }». They need to write in this group once; then repeat /lead.
lead-done = Done: { $name } leads this client. The figures per manager now count them.
lead-to-client = Hello! Your manager is { $name }. Write here any time: { $name } is in touch.

## The client changes a confirmed request

menu-change = ✏️ Change my request
button-extra-car = 🚗 Another car
new-or-change = You already have an open request. Are we looking for another car, or changing the current request?
change-none = There is no open request to change. To start a search, press "New request".
change-which-request = Which request are we changing?
change-which-field = What would you like to change? Pick an item and I will ask for the new value.
change-confirm = Please check: { $field } — was { $old }, will be { $new }. Is that right?
button-change-confirm = ✅ Yes, change it
change-done = Done, request #{ NUMBER($id, useGrouping: 0) } is changed. Your manager already sees the new terms.

## A delay in words, as texts name it (from the settings)

span = { $unit ->
    [hour] { $n ->
        [one] an hour
       *[other] { $n } hours
    }
    [week] { $n ->
        [one] a week
       *[other] { $n } weeks
    }
    [month] { $n ->
        [one] a month
        [2] a couple of months
       *[other] { $n } months
    }
   *[day] { $n ->
        [one] a day
        [2] two days
       *[other] { $n } days
    }
}

## Intake: Telegram's button that sends the client's own number

button-share-phone = 📱 Share my number

## One person on every channel (issue 25): the merge offer, /unmerge, /via

people-offer = 🔗 The same own number { $phone } as client { $name } on { $channel }: { $link }
    Same person? Merging keeps one client and one topic (the other's messages and requests move here); /unmerge undoes it. A phone may be shared in a family: merge only if it is one person.
people-merge-button = 🔗 Same person — merge
people-unmerge-button = ↩️ Unmerge
people-merged = 🔗 Merged with { $name } ({ $channel }): one client, one history; the other topic is closed: { $link }
    Answers go to the channel the client last wrote from (now { $now }); /via telegram, /via whatsapp or /via sms chooses one. /unmerge undoes the merge.
people-merged-closed = 🔗 This client is now one person with another topic: { $link } — write there. The topic is closed.
people-unmerged = ↩️ Unmerged: two clients again, each with what they had before the merge. The other topic: { $link }
people-unmerge-none = This client is not merged with anyone: nothing to undo.
people-button-stale = This button is out of date: nothing was changed.
people-offer-changed = Nothing merged: one of the two has changed since the offer (another number, erased, or merged with someone else).
people-via-usage = Write /via telegram, /via whatsapp or /via sms; /via auto — back to the channel the client last wrote from.
people-via-now = Answers go to { $channel } (/via: { $chosen }). The client's channels: { $channels }.
people-via-set = ✅ Answers go to { $channel } now, wherever the client writes from. /via auto — back to where they last wrote.
people-via-auto = ✅ Answers follow the client again: now { $channel }.
people-via-missing = The client has no { $channel } chat: only { $channels }.
people-via-sms-off = SMS is not set up (TWILIO_SMS_FROM is empty): answers cannot go by SMS.
people-via-sms-no-number = No number is known for this client: answers cannot go by SMS.

## /stats: a figure of the manager's day

stats-calls = Calls recorded (/call)

## A reaction to a report while the client is in another flow

react-noted-busy = Thank you, your answer to report #{ NUMBER($number, useGrouping: 0) } is noted. Let's finish what we started — answer the question above; you can write about the car afterwards.

## /export: the calls file

export-col-call = Call #
export-col-summary = What was said
export-col-told-client = Summary sent to the client
export-yes = yes
export-caption-calls = 📞 Calls recorded in { $period } (/call). Rows: { $rows }

## Bans (issue 26): /ban, /ban!, /unban, /bans

ban-done-shadow = 🚫 Client banned quietly: nothing they send reaches the group any more, and they are not told. /unban lifts it.
ban-done-told = 🚫 Client banned and told they are blocked: nothing they send reaches the group any more. /unban lifts it.
ban-already = This client is already banned ({ $told }). /unban lifts it.
ban-not-banned = This client is not banned.
ban-lifted = ✅ Ban lifted: the client's messages reach this topic again.
ban-no-arguments = /{ $command } takes nothing after it: write it alone in the client's topic.
ban-shadow = quietly
ban-told = told
bans-none = Nobody is banned.
bans-line = #{ NUMBER($number, useGrouping: 0) } { $who } — { $how }, by { $by }, { $days ->
    [0] today
    [one] { $days } day ago
   *[other] { $days } days ago
}
bans-list = 🚫 <b>Banned clients: { $count }</b>{ $more ->
    [yes] {" "}(the latest { $count } shown)
   *[no] {""}
}
    { $lines }
    /unban in a client's topic lifts their ban.

## Bans: what the client reads

ban-client-blocked = You are blocked: your messages no longer reach our managers.
ban-client-unblocked = You are no longer blocked: your messages reach our managers again.

## Saved replies (issue 26): /reply

reply-none = No saved replies yet. Add one: /reply add address We are at 12 Lenina St., open 9:00–20:00.
reply-list = 💬 <b>Saved replies: { $count }</b> — send one with /reply name in a client's topic
    { $lines }
    /reply add name text — add or replace; /reply del name — delete. Fields: {"{"}name{"}"}, {"{"}car{"}"}, {"{"}city{"}"}, {"{"}phone{"}"}, {"{"}request{"}"}
reply-added = ✅ Saved reply «{ $name }» added: /reply { $name } sends it.
reply-replaced = ✅ Saved reply «{ $name }» replaced.
reply-deleted = 🗑 Saved reply «{ $name }» deleted.
reply-not-found = There is no saved reply «{ $name }». /reply lists them.
reply-bad-name = A reply's name is one word of Latin letters, digits, - or _ (up to 32): /reply add address text
reply-empty = Write the reply's text after its name: /reply add { $name } text
reply-too-long = A saved reply can be up to { $limit } characters.
reply-too-many = There can be up to { $limit } saved replies: delete one first (/reply del name).
reply-bracket-line = A line of a saved reply cannot be just a word in square brackets: it would start another reply.
reply-braces = The reply has an unpaired { "{" } or { "}" }: fields are written like {"{"}name{"}"}; a brace on its own is written twice.
reply-unknown-field = Unknown field { "{" }{ $field }{ "}" }: the fields are { $fields }.
reply-field-empty = Not sent: the client's card has no { $fields } yet.
reply-sent = 💬 Sent to the client («{ $name }»):
    { $text }
