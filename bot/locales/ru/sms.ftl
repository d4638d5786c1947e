# SMS: how to answer, links, what cannot go by SMS, STOP (docs/sms.md).

sms-reply-digit = Ответьте цифрой: { $options }
sms-reply-scale = Ответьте числом от { $low } до { $high }.
sms-link = { $label }: { $url }
sms-file = { $caption }: { $url }
held-reason-sms-media = по SMS уходит только текст, фото и файлы не отправляются
topic-held-sms = ⏸ Не отправлено клиенту: { $reason }. Напишите то же текстом или позвоните клиенту. { $excerpt }
topic-sms-off = 📵 У клиента нет чата с ботом, а SMS выключены (TWILIO_SMS_FROM не задан): напоминания, счёт и вопросы после визита до него не дойдут. Свяжитесь с клиентом по телефону.
topic-not-delivered-sms-off = ⚠️ Не доставлено: у клиента нет чата с ботом, а SMS выключены.
topic-sms-stopped = 📵 Клиент ответил «{ $word }» на SMS: больше SMS ему не отправляем. Ответит START — отправка возобновится.
topic-sms-started = 📲 Клиент ответил «{ $word }»: SMS ему снова отправляются.
