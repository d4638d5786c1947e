## The owner's numbers: /stats and /export (General topic of the manager group)

stats-title = 📊 <b>Цифры за { $period }</b>
stats-legend = В скобках — на чём основана цифра и изменение к предыдущему периоду ({ $previous }).
stats-empty = Данных за этот период пока нет.
stats-managers-title = 👥 <b>Цифры по менеджерам за { $period }</b>
stats-attribution = Менеджер клиента — тот, кто написал клиенту больше всех: ему засчитываются опросы, отзывы, критика, обещание новостей, новые и открытые заявки. Ответы на сообщения, отчёты, передачи и отмены — тому, кто их сделал.
stats-manager = 👤 <b>{ $name }</b>
stats-unassigned = Без менеджера (клиенту ещё никто не писал)
stats-manager-id = менеджер { $id }
stats-period-days = { $days ->
    [1] последний день
    [one] последние { $days } день
    [few] последние { $days } дня
   *[many] последние { $days } дней
} ({ $first } — { $last })
} ({ $first } – { $last })
stats-period-month = { $month }
stats-period-dates = { $first } – { $last }
stats-needs-general = Цифры показываю в общей теме группы (General), чтобы их видели все. Напишите /stats или /export там.
stats-service-off = Сервис выключен: цифр по сервису нет.
stats-counting = ⏳ Считаю цифры за { $period } — пришлю сюда через несколько секунд. Клиентам бот отвечает как обычно.
export-preparing = ⏳ Готовлю файлы за { $period } — пришлю сюда через несколько секунд.
stats-failed = Не получилось посчитать. Попробуйте ещё раз через минуту; если не выйдет — сообщите тому, кто обслуживает бота.
stats-period-invalid = Не получилось разобрать период «{ $given }». Можно так:
    /stats — последние 30 дней
    /stats 7d или /stats 90d — последние 7 или 90 дней
    /stats 2026-11 — месяц (или 11.2026)
    /stats 01.11.2026 15.11.2026 — с даты по дату включительно
    /stats managers [период] — то же по каждому менеджеру
stats-period-reversed = Первая дата позже второй. Пример: /stats 01.11.2026 15.11.2026
stats-period-length = Период — от 1 дня до { $days ->
        [one] { $days } дня
        [few] { $days } дней
       *[many] { $days } дней
    }.

## Lines: label: value (basis; change)

stats-line = { $label }: <b>{ $value }</b> ({ $notes })
stats-line-empty = { $label }: нет данных
stats-no-earlier = раньше данных нет
stats-basis-of = { $part } из { $whole }
stats-basis-answers = { $n ->
    [one] { $n } ответ
    [few] { $n } ответа
   *[many] { $n } ответов
}
stats-basis-waits = { $n ->
    [one] { $n } сообщение
    [few] { $n } сообщения
   *[many] { $n } сообщений
}
}
stats-basis-handovers = { $n ->
    [one] { $n } передача
    [few] { $n } передачи
   *[many] { $n } передач
}
stats-percent = { $value }%
stats-points = { $value } п.п.
stats-days = { $value } дн.
stats-spread = медиана { $median }, у 90% — до { $p90 }
stats-seconds = { $n } с
stats-minutes = { $n } мин
stats-hours = { $n } ч
stats-days-short = { $n } дн.

stats-section-satisfaction = 😊 <b>Удовлетворённость</b>
stats-nps = NPS
stats-response-rate = Ответили на опрос
stats-section-speed = ⏱ <b>Первый ответ на сообщение клиента</b>
stats-reply-in-hours = В контактные часы
stats-reply-off-hours = Вне контактных часов
stats-reply-sla = Ответили в пределах { $sla }
stats-section-promise = 📣 <b>Новости клиенту не реже раза в { $interval }</b>
stats-promise = Дни с новостями
stats-section-requests = 🚗 <b>Заявки</b>
stats-open-now = Открытые сейчас: { $stages }
stats-open-none = нет
stats-new-requests = Новые
stats-handovers = Передано клиентам
stats-to-handover = От заявки до передачи (медиана)
stats-cancelled = Отменено
stats-cancel-reason = · { $reason } — { $n }
stats-no-reason = без причины
stats-cancel-more = · другие причины — { $n }
stats-section-reports = 🔎 <b>Отчёты об осмотре</b>
stats-reports-per-handover = Отчётов на одну передачу
stats-interested = Ответ «Интересно»
stats-section-reviews = ⭐ <b>Отзывы и критика</b>
stats-reviews-requested = Попросили отзыв
stats-reviews-left = Оставили отзыв
stats-critique = Пожелания и критика

## Charts

stats-no-data = нет данных
stats-chart-title = Цифры: { $period }
stats-chart-nps = NPS по неделям
stats-chart-replies = Первый ответ по неделям, { $unit }
stats-chart-median = медиана
stats-chart-p90 = 90%
stats-chart-scores = Оценки клиентов (1–5)
stats-chart-funnel = Заявки периода: дошли до этапа
stats-chart-managers = По менеджерам: { $period }
stats-chart-nps-short = NPS
stats-chart-reply-median = Первый ответ, { $unit } (медиана, контактные часы)
stats-unit-minutes = мин
stats-unit-hours = ч
stats-chart-sla = Ответ в пределах { $sla }, %
stats-chart-promise = Дни с новостями (раз в { $interval }), %

## /export

export-caption-requests = 🚗 Заявки, созданные за { $period }. Строк: { $rows }
export-caption-surveys = 😊 Опросы, отправленные за { $period }, со всеми ответами. Строк: { $rows }
export-caption-critique = ✍️ Пожелания и критика за { $period }. Строк: { $rows }
export-caption-reports = 🔎 Отчёты об осмотре, отправленные за { $period }, с ответами клиента. Строк: { $rows }
export-caption-cars = 🔑 Купленные машины (база клиентов: имя, телефон, дата рождения, машина), переданные за { $period }. Строк: { $rows }
export-col-request = Заявка №
export-col-created = Создано
export-col-client = Клиент
export-col-year-from = Год от
export-col-year-to = Год до
export-col-stage = Этап
export-col-hard = Трудный поиск (срок)
export-col-eta = Дата доставки
export-col-handed-over = Передана
export-col-cancel-reason = Причина отмены
export-col-reports-sent = Отчётов отправлено
export-col-source = Откуда узнал о нас
export-col-manager = Менеджер
export-col-survey = Опрос №
export-col-sent = Отправлен
export-col-completed = Завершён
export-col-critique = №
export-col-text = Текст
export-col-report = Отчёт №
export-col-reaction = Ответ клиента
export-col-reaction-at = Когда ответил
export-col-replies = Всё, что сказал клиент
export-reply-impression = 💬 впечатление
