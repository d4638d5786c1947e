## Privacy: what we keep, erasure, roles (issue 15)

menu-about-data = 🔒 About my data
privacy-consent = 🔒 What we keep: your name, phone, birth date, your wishes for the car{ $workshop ->
        [yes] , your car and service visits
       *[no] {""}
    } and our conversation. Why: to handle your request, keep you informed and wish you a happy birthday — nothing else. How long: { $retention }. You can delete everything earlier at any time with /delete_my_data (or "About my data" in the menu). By continuing you agree to this.
privacy-retention-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
} after we last spoke, then we delete it ourselves
privacy-retention-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
} after we last spoke, then we delete it ourselves
privacy-retention-weeks = { $n ->
    [one] { $n } week
   *[other] { $n } weeks
} after we last spoke, then we delete it ourselves
privacy-retention-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
} after we last spoke, then we delete it ourselves
privacy-retention-none = until you ask us to delete it
privacy-about =
    🔒 <b>Your data with us</b>
    We keep: your name, phone, birth date, your wishes for the car{ $workshop ->
        [yes] , your car and service visits (plate, mileage, what troubled you)
       *[no] {""}
    }, your conversation with a manager, your ratings and reviews.
    Why: to find and hand over your car, keep you informed and wish you a happy birthday.
    How long: { $retention }.
    Only our managers see it.

    Want us to delete it all? Press the button below or send /delete_my_data.
privacy-button-delete = 🗑 Delete my data
privacy-button-menu = ↩️ Back to the menu
privacy-button-confirm = Yes, delete everything
privacy-button-keep = No, keep it
privacy-ask = Delete your data? We will erase your name, phone, birth date, wishes and the whole conversation, and managers will no longer be able to work on your open requests. This cannot be undone.
privacy-done = Done: your data is deleted. Thank you for being with us! If you write again, we start afresh — /start.
privacy-erasing = We are still deleting your data, so this message was not kept. Please write again a little later, and we will start afresh.

## Privacy: the managers' group

privacy-topic-title = Deleted client #{ NUMBER($number, useGrouping: 0) }
privacy-topic-erased-client = 🗑 Client #{ NUMBER($number, useGrouping: 0) } asked us to delete their data — it is deleted. Messages from here no longer reach them.
privacy-topic-erased-manager = 🗑 Client #{ NUMBER($number, useGrouping: 0) }'s data was deleted with /forget. Messages from here no longer reach them.
privacy-topic-erased-retention = 🗑 Client #{ NUMBER($number, useGrouping: 0) } has not been in touch for a long time: their data was deleted at the end of the retention period. Messages from here no longer reach them.
privacy-topic-erased-relay = This client's data was deleted; the message was not sent. If they write again, a new topic opens for them.
privacy-forget-ask = Delete all data of client #{ NUMBER($number, useGrouping: 0) }: name, phone, birth date, wishes, conversation? The figures for the stats stay, without a name. This cannot be undone.
privacy-forget-yes = 🗑 Yes, delete
privacy-forget-no = No
privacy-forget-kept = All right, nothing is deleted.
privacy-forget-already = This client's data is already deleted.
privacy-refused = /{ $command } is for the owners and the group's administrators only: it shows clients' personal data. Please ask one of them.
privacy-refused-named = /{ $command } is for the owners and the group's administrators only: it shows clients' personal data. Please ask one of them: { $names }.
privacy-anonymous-command = Commands do not work on behalf of the group: the bot cannot tell who gave them. Turn off "Remain anonymous" in your administrator rights and try again.
privacy-anonymous-refused = ⚠️ A message on behalf of the group was not sent to the client: the bot is set to let managers write to clients only under their own names. Turn off "Remain anonymous" in your administrator rights and send it again.
privacy-not-a-manager = ⚠️ This message did not come from a manager (a channel or Telegram itself), so it was not sent to the client. Please write to the client under your own name.
privacy-digits-only = Please answer with an ordinary digit: { $numbers }.
