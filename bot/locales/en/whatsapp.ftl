# WhatsApp: numbered options, held messages, delivery reports.

wa-options-hint = Reply with { $numbers } or with the option's words.
wa-options-or = or
wa-link = { $label }: { $url }
wa-media-failed = [the attachment could not be fetched]
wa-unsupported = [WhatsApp does not pass on this kind of message]

held-kind-survey = the satisfaction survey
held-kind-review = the review request
held-kind-review_reminder = the review reminder
held-kind-long_followup = the "how is the car?" follow-up
held-kind-birthday = the birthday greeting
held-kind-deal_news = deal news (stage, delivery date, handover)

held-reason-window = more than 24 hours have passed since the client's last WhatsApp message; free text may only be sent within 24 hours
held-reason-no-template = the client has not written on WhatsApp for over 24 hours and no template is configured for this message
held-reason-no-window = the client has never written on WhatsApp yet

topic-held-automatic = ⏸ Not sent to the client: { $what }. Why: { $reason }. Configure a WhatsApp template in Twilio, or reach the client another way.
topic-held-message = ⏸ Not sent to the client: { $reason }. It will not be sent later either. Call the client (and record it: /call summary), or send it again once the client writes. To have such messages go out, set up the TWILIO_TEMPLATE_DEAL_NEWS template. { $excerpt }
wa-error-code = WhatsApp/Twilio error { $code }
wa-media-too-large = [an attachment over { $mb } MB — the client was asked to send a link or smaller parts]
wa-media-too-large-client = Your file is larger than { $mb } MB, so we can't pass it on to your manager, sorry. Please send a link to it (a cloud drive, say) or a smaller file — your manager will look at everything.
