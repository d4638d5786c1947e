## The money of a deal (bot/services/money): payments, offers, a report's price against the budget.

money-summary = { $state ->
        [due] 💰 Оплачено { $paid } из { $offered }, осталось { $remaining }.
        [settled] 💰 Оплачено { $paid } из { $offered } — всё оплачено.
        [over] 💰 Оплачено { $paid } при сумме { $offered }: на { $remaining } больше.
       *[none] 💰 Оплачено: { $paid }.
    }
card-money = { $summary }
money-button-pay = 💳 Оплатить
money-odd-digits = Сумму пишите обычными цифрами 0–9, например: /paid 150 000 задаток
amount-invalid = Не получилось разобрать сумму: нужна одна сумма в рублях, например 150 000 или 1,85 млн.
amount-out-of-range = Такая сумма похожа на опечатку: от 1 до { $most } ₽.

paid-usage = Формат: /paid #номер сумма за что, например: /paid 150 000 задаток
paid-needs-what = Напишите после суммы, за что оплата, например: /paid 150 000 задаток
paid-what-too-long = Слишком длинное «за что»: не больше { $most } символов.
paid-cancelled = Заявка № { NUMBER($id, useGrouping: 0) } отменена: оплату по ней не записываем. Если сделка возобновилась, сначала верните этап: /stage #{ NUMBER($id, useGrouping: 0) } этап
paid-done = ✅ Записали оплату { $amount } ({ $what }) по заявке № { NUMBER($id, useGrouping: 0) }, клиенту ушла квитанция.
    { $summary }
paid-correction-done = ✅ Записали исправление: −{ $amount } ({ $what }) по заявке № { NUMBER($id, useGrouping: 0) }, клиенту ушла квитанция.
    { $summary }
paid-correction-too-big = Исправление на { $amount } больше, чем оплачено по заявке № { NUMBER($id, useGrouping: 0) } ({ $paid }): ничего не записали.
paid-receipt = 🧾 Получили оплату: <b>{ $amount }</b> — { $what }.
    Заявка № { NUMBER($id, useGrouping: 0) }, { $car }.
paid-correction-receipt = 🧾 Исправили запись об оплате: <b>−{ $amount }</b> — { $what }.
    Заявка № { NUMBER($id, useGrouping: 0) }, { $car }.
paid-stats = 💳 <b>Оплаты по заявкам</b> за период: { $total } (записей: { $count }): { $kinds }

money-subject-deal = Заявка
money-subject-order = Заказ-наряд
money-kind-deposit = Задаток
money-kind-purchase = Покупка машины
money-kind-fee = Комиссия
money-kind-delivery = Доставка
money-kind-other = Другое
money-kind-correction = Исправление
export-caption-payments = 💳 Оплаты, записанные за { $period } (/paid). Строк: { $rows }
export-col-payment = Оплата №
export-col-paid-at = Когда
export-col-paid-for = За что
export-col-paid-for-number = Номер
export-col-amount = Сумма, ₽
export-col-payment-kind = Вид
export-col-payment-what = Как записал менеджер
export-caption-offers = 📝 Предложения за { $period } (/offer): каждая версия и её принятие. Строк: { $rows }
export-col-offer = Предложение №
export-col-offer-version = Версия
export-col-accepted-at = Принято
export-col-accepted-via = Канал принятия
export-col-lapsed-at = Истекло

offer-usage = Формат предложения (первая строка — машина, дальше поля в любом порядке):
    /offer Toyota RAV4, 2019, белый
    Цена: 2 150 000
    Комиссия: 100 000
    Включено: проверка, доставка до Москвы, оформление
    Задаток: 100 000
    Условия: задаток в течение 3 дней, остаток при получении
    Действует до: 20.12.2026
offer-no-car = Первая строка предложения — машина, например: /offer Toyota RAV4, 2019. Формат: /offer без текста.
offer-bad-line = Не получилось разобрать строку «{ $line }». Поля: Цена, Комиссия, Включено, Задаток, Условия, Действует до. Формат: /offer без текста.
offer-twice = Поле указано дважды: «{ $line }».
offer-missing = В предложении не хватает полей: { $fields }. Формат: /offer без текста.
offer-too-long = Слишком длинное поле предложения: не больше { $most } символов.
offer-deposit-over = Задаток больше суммы предложения (цена и комиссия). Проверьте цифры.
offer-bad-date = Не получилось разобрать дату в «Действует до»: напишите ДД.ММ.ГГГГ, например 20.12.2026.
offer-date-past = Дата в «Действует до» уже прошла.
offer-date-far = Дата в «Действует до» дальше чем через год: проверьте её.
offer-deal-ended = Заявка № { NUMBER($id, useGrouping: 0) } на этапе «{ $stage }»: предложение по ней не отправляем.
offer-sent = 📄 Предложение по заявке № { NUMBER($id, useGrouping: 0) } (версия { $version }) отправлено клиенту: итого { $total }, действует до { $until }.
offer-text = 📄 <b>Предложение по заявке № { NUMBER($id, useGrouping: 0) }</b> (версия { $version })
    🚗 Машина: { $car }
    💰 Цена машины: { $price }
    🤝 Наша комиссия: { $fee }
    <b>Итого: { $total }</b>
    ✅ В цену входит: { $included }
    💳 Задаток: { $deposit }
    📋 Условия: { $terms }
    ⏳ Предложение действует до { $until } включительно.
    Если всё устраивает, нажмите «Принять»; если есть вопросы — «Вопрос».
offer-changed = ✏️ Мы изменили предложение. Что поменялось:
offer-change-line = • { $field }: было { $old }, стало { $new }
offer-change-none = • условия те же, обновили само предложение
offer-field-car = Машина
offer-field-price = Цена машины
offer-field-fee = Комиссия
offer-field-included = В цену входит
offer-field-deposit = Задаток
offer-field-terms = Условия
offer-field-valid_until = Действует до
offer-button-accept = ✅ Принять
offer-button-question = ❓ Вопрос
offer-accepted = ✅ Спасибо, вы приняли предложение (версия { $version }). { $has_deposit ->
        [yes] Следующий шаг — задаток { $deposit }: менеджер подскажет, как его внести.
       *[no] Менеджер свяжется с вами о следующем шаге.
    }
offer-already-accepted = Вы уже приняли это предложение (версия { $version }). Менеджер на связи.
offer-outdated = Это предложение мы уже изменили. Вот действующее (версия { $version }):
offer-lapsed-client = Срок этого предложения закончился { $until }. Менеджер подготовит новое — напишите ему, если оно вам нужно.
offer-question = Напишите ваш вопрос здесь, менеджер ответит.
offer-accepted-topic = ✅ Клиент принял предложение по заявке № { NUMBER($id, useGrouping: 0) } (версия { $version }, итого { $total }, через { $channel }).
offer-question-topic = ❓ У клиента вопрос по предложению к заявке № { NUMBER($id, useGrouping: 0) } (версия { $version }): ждём его сообщения.
offer-question-text = ❓ Вопрос клиента по предложению к заявке № { NUMBER($id, useGrouping: 0) } (версия { $version }): { $text }
offer-lapsed-topic = ⌛ Предложение по заявке № { NUMBER($id, useGrouping: 0) } (версия { $version }) истекло { $until }, клиент его не принял. Новое: /offer #{ NUMBER($id, useGrouping: 0) } …

report-held = ⏸ Отчёт № { NUMBER($number, useGrouping: 0) } ждёт: цена { $price } выше бюджета клиента { $budget } на { $over } % (допуск { $tolerance } %). Клиенту отправим, когда вы подтвердите и объясните почему: /overbudget причина. Фото можно досылать.
report-price-unread = Цену «{ $value }» не получилось прочитать, поэтому с бюджетом клиента её не сравнили. Пишите, например: Цена: 1 850 000
report-none-held = По заявке № { NUMBER($id, useGrouping: 0) } нет отчёта, который ждёт подтверждения цены.
report-over-needs-reason = Напишите, почему машина дороже бюджета: /overbudget причина. Клиент увидит её рядом с ценой.
report-over-too-long = Слишком длинная причина: не больше { $most } символов.
report-released = ✅ Отчёт № { NUMBER($number, useGrouping: 0) } с причиной уйдёт клиенту через { $seconds } с.
report-budget = { $state ->
        [over] 💰 Цена { $price } при вашем бюджете { $budget }: выше на { $over } %.
       *[within] 💰 Цена { $price } — в пределах вашего бюджета { $budget }.
    }
report-budget-reason = Почему дороже: { $reason }

stats-within-budget = Передано по цене в пределах бюджета
stats-overrun = Превышение бюджета (медиана)
stats-basis-overruns = { $n ->
    [one] { $n } передача дороже бюджета
    [few] { $n } передачи дороже бюджета
   *[many] { $n } передач дороже бюджета
}
