# SMS: how to answer, links, what cannot go by SMS, STOP (docs/sms.md).

sms-reply-digit = Reply with a digit: { $options }
sms-reply-scale = Reply with a number from { $low } to { $high }.
sms-link = { $label }: { $url }
sms-file = { $caption }: { $url }
held-reason-sms-media = SMS carries text only: photos and files are not sent
topic-held-sms = ⏸ Not sent to the client: { $reason }. Write the same as text, or call the client. { $excerpt }
topic-sms-off = 📵 This client has no chat with the bot and SMS is off (TWILIO_SMS_FROM is empty): reminders, the bill and the check after the visit will not reach them. Call the client.
topic-not-delivered-sms-off = ⚠️ Not delivered: the client has no chat with the bot and SMS is off.
topic-sms-stopped = 📵 The client answered "{ $word }" to an SMS: we send them no more SMS. If they answer START, sending resumes.
topic-sms-started = 📲 The client answered "{ $word }": SMS to them resumes.
