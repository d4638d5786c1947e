# WhatsApp: numbered options, held messages, delivery reports.

wa-options-hint = Ответьте цифрой ({ $numbers }) или напишите вариант словами.
wa-options-or = или
wa-link = { $label }: { $url }
wa-media-failed = [вложение не удалось получить]
wa-unsupported = [сообщение этого типа WhatsApp не передаёт]

held-kind-survey = опрос об удовлетворённости
held-kind-review = просьба об отзыве
held-kind-review_reminder = напоминание об отзыве
held-kind-long_followup = сообщение «Как машина?» или приглашение в сервис
held-kind-birthday = поздравление с днём рождения
held-kind-deal_news = новость по сделке (этап, дата доставки, передача)

held-reason-window = прошло больше 24 часов с последнего сообщения клиента в WhatsApp; писать свободным текстом можно только в течение 24 часов
held-reason-no-template = клиент не писал в WhatsApp больше 24 часов, а шаблон для этого сообщения не настроен
held-reason-no-window = клиент ещё ни разу не писал в WhatsApp

topic-held-automatic = ⏸ Не отправлено клиенту: { $what }. Причина: { $reason }. Настройте шаблон WhatsApp в Twilio или свяжитесь с клиентом иначе.
topic-held-message = ⏸ Не отправлено клиенту: { $reason }. Это сообщение не уйдёт и позже. Позвоните клиенту (и запишите звонок: /call итог) или отправьте сообщение снова, когда клиент напишет. Чтобы такие сообщения уходили сами, настройте шаблон TWILIO_TEMPLATE_DEAL_NEWS. { $excerpt }
wa-error-code = ошибка WhatsApp/Twilio { $code }
wa-media-too-large = [вложение больше { $mb } МБ — клиента попросили прислать его ссылкой или частями]
wa-media-too-large-client = Ваш файл больше { $mb } МБ, такой мы, к сожалению, не можем передать менеджеру. Пришлите, пожалуйста, ссылку на него (например, на облако) или файл поменьше — менеджер всё посмотрит.
