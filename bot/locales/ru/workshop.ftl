## Service workshop (issue 16): client side

ws-menu-book = 🔧 Записаться в сервис
ws-weekday-0 = пн
ws-weekday-1 = вт
ws-weekday-2 = ср
ws-weekday-3 = чт
ws-weekday-4 = пт
ws-weekday-5 = сб
ws-weekday-6 = вс
ws-ask-kind = 🔧 Запишем вас в сервис. Какая работа нужна?
ws-kind = { $kind }
ws-ask-problem = Расскажите своими словами, что беспокоит: текстом, фото или голосовым. Если это плановое ТО — так и напишите.
ws-problem-media = [{ $kind ->
        [photo] фото
        [voice] голосовое сообщение
        [video] видео
        [video_note] видеосообщение
        [audio] аудио
        [document] файл
       *[other] вложение
    } — передали менеджеру]
ws-ask-car-known = На какой машине приедете?
ws-car-known = 🚗 { $car }
ws-car-other = Другая машина
ws-ask-car = Напишите марку, модель, год выпуска и госномер. Например: Kia Rio 2019, А123ВС777
ws-ask-odometer = Какой сейчас пробег? Напишите число километров, например: 68 200.
ws-bad-odometer = Не получилось прочитать пробег. Напишите только число километров, например: 68 200.
ws-ask-day = Выберите день — показаны дни, где есть свободное время:
ws-day = { $day }
ws-ask-slot = Свободное время на { $day }:
ws-other-day = ← Другой день
ws-other-time = 🕐 Выбрать другое время
ws-day-full = На этот день свободного времени уже нет.
ws-no-free-slots = В ближайшие три недели свободного времени нет. Напишите нам — менеджер подберёт время.
ws-slot-gone = Это время только что заняли или оно уже прошло. Выберите, пожалуйста, другое.
ws-use-buttons = Выберите вариант кнопкой ниже или нажмите «Отмена».
ws-summary =
    Проверьте запись:
    🕐 <b>{ $when }</b>
    🔧 { $kind }
    💬 { $problem }
    🚗 { $car }, пробег { $odometer } км
ws-button-book = ✅ Записаться
ws-booked =
    ✅ Вы записаны: <b>{ $when }</b>, { $kind }.
    📍 { $address }
    Накануне напомним о визите — можно будет подтвердить, перенести или отменить.
ws-booked-short = { $firm }: вы записаны в сервис на { $when }, { $kind }. Адрес: { $address }
ws-address-none = Адрес подскажет менеджер.
ws-reminder = 🔔 Напоминаем: вы записаны в сервис на <b>{ $when }</b> ({ $kind }). Всё в силе?
ws-reminder-short = { $firm }: ждём вас в сервисе { $when }. Всё в силе?
ws-button-confirm = ✅ Подтверждаю
ws-button-reschedule = 🕐 Перенести
ws-button-cancel-visit = ✖️ Отменить визит
ws-visit-confirmed = Спасибо! Ждём вас: <b>{ $when }</b>.
ws-reschedule-pick = Выберите новое время — одно нажатие, и запись перенесена:
ws-reschedule-pick-short = Выберите новое время:
ws-visit-moved = ✅ Запись перенесена на <b>{ $when }</b>. Накануне напомним.
ws-visit-cancelled = Запись на { $when } отменена. Когда будет удобно, запишитесь снова через меню.

## Work order: client side

ws-arrived = 🚗 Машина у нас (приняли: { $when }). Скоро пришлём заказ-наряд — без вашего согласия ничего делать не начнём.
ws-order =
    🧾 <b>Заказ-наряд № { NUMBER($id, useGrouping: 0) }</b>: { $title }
    { $lines }
    Итого: <b>{ $total }</b>
    Машина будет готова: <b>{ $when }</b>
    Если найдём другие неисправности: { $policy }

    Нажмите ✅ или ❌ у каждой позиции — или «✅ Согласовать всё». Без вашего «да» работу не начнём.
ws-order-short =
    { $firm }: заказ-наряд № { NUMBER($id, useGrouping: 0) }: { $title }
    { $lines }
    Итого: { $total }. Готово: { $when }.
    Другие неисправности: { $policy }. Без вашего «да» работу не начнём.
ws-policy-ask = спросим вас каждый раз
ws-policy-limit = каждую работу до { $limit } делаем сразу, дороже — сначала спросим вас
ws-policy-never = ничего сверх заказа не делаем
ws-button-approve = ✅ { $n }. { $title }
ws-button-decline = ❌ Не делать { $n }
# WhatsApp numbers the options itself: there a line is named by its title
ws-button-approve-option = ✅ { $title }
ws-button-decline-option = ❌ Не делать: { $title }
ws-button-approve-all = ✅ Согласовать всё
ws-line-split = { $line } (работа { $labour }, запчасти { $parts })
ws-line-approved = ✅ Согласовано: { $line }
ws-line-already = Уже отмечено: { $line }
ws-order-changed = Заказ-наряд изменился: мы добавили работу, которой не было в том сообщении. Ничего не отметили — вот актуальный заказ-наряд:
ws-ask-reason = ❌ Хорошо, не делаем: { $line }. Подскажите, почему?
ws-reason-price = Дорого
ws-reason-later = Сделаю позже
ws-reason-elsewhere = Сделаю в другом месте
ws-reason-other = Другая причина
ws-ask-later = Когда напомнить об этой работе?
ws-later-button-1m = Через месяц
ws-later-button-3m = Через три месяца
ws-later-button-next = При следующем визите
ws-later-1m = Хорошо, напомним через месяц.
ws-later-3m = Хорошо, напомним через три месяца.
ws-later-next = Хорошо, предложим при следующем визите.
ws-order-remaining = { $count ->
        [one] Осталось отметить { $count } позицию.
        [few] Осталось отметить { $count } позиции.
       *[many] Осталось отметить { $count } позиций.
    }
ws-order-agreed =
    👍 Заказ-наряд согласован: { $count ->
        [one] { $count } позиция
        [few] { $count } позиции
       *[many] { $count } позиций
    } на сумму <b>{ $total }</b>.
    Машина будет готова: <b>{ $when }</b>. Если что-то изменится — сразу сообщим и объясним почему.
ws-extra-ask =
    🔎 Во время работы нашли ещё одну неисправность:
    { $line }
    Делаем?
ws-extra-policy-approved = 🔎 Нашли ещё: { $line }. Работы до { $limit } вы разрешили делать без отдельного согласования — делаем. Если есть вопросы, напишите.
ws-extra-policy-declined = 🔎 Нашли ещё: { $line }. Как вы просили, сверх заказа ничего не делаем — если передумаете, напишите.
ws-ready-moved = { $later ->
        [yes] 🕐 Время готовности изменилось: было { $old }, теперь <b>{ $new }</b>.
            Причина: { $reason }
            Извините за ожидание. Если есть вопросы — напишите.
       *[no] 🕐 Время готовности изменилось: было { $old }, теперь <b>{ $new }</b>.
            Причина: { $reason }
            Если есть вопросы — напишите.
    }
ws-ready-moved-short = { $firm }: машина будет готова { $new }. Причина: { $reason }
ws-progress-step-diagnosis = Диагностика
ws-progress-step-parts = Ждём запчасти
ws-progress-step-work = В работе
ws-progress-step-check = Контроль качества
ws-progress = 🔧 Новости о вашей машине (заказ-наряд № { NUMBER($id, useGrouping: 0) }): <b>{ $step }</b>{ $until }{ $note }
ws-progress-short = { $firm }: ваша машина — { $step }{ $until }
ws-progress-until = Запчасти ожидаем { $date }.
ws-progress-parts-reason = ждём запчасти, они придут { $date }
ws-status-order = 🔧 <b>Ваша машина в сервисе</b>, заказ-наряд № { NUMBER($id, useGrouping: 0) }
ws-status-step = Сейчас: <b>{ $step }</b> (с { $since })
ws-status-ready = Машина будет готова: <b>{ $when }</b>

## Bill

ws-bill =
    ✅ <b>Ваша машина готова!</b> Заказ-наряд № { NUMBER($id, useGrouping: 0) }.
    { $lines }
    Итого к оплате: <b>{ $total }</b>
ws-bill-changes =
    Что изменилось по сравнению с согласованным:
    { $changes }
ws-bill-added = + { $title } — { $price } (добавлено в работе, { $how })
ws-bill-added-by-client = согласовано вами
ws-bill-added-by-policy = вы разрешили такие работы заранее
ws-bill-removed = − { $title } — { $price } (не делали: { $why })
ws-bill-reason-price = дорого
ws-bill-reason-later = вы решили сделать позже
ws-bill-reason-elsewhere = вы решили сделать в другом месте
ws-bill-reason-other = другая причина
ws-bill-declined-by-policy = вы просили ничего сверх заказа не делать
ws-bill-advice = 💡 Наш совет: { $advice }
ws-bill-mechanic = 🔧 Мастер: { $name }
ws-bill-line-mechanic = { $line } (мастер: { $name })
ws-bill-thanks = Спасибо, что доверяете нам машину! Счёт в PDF — следующим сообщением.
ws-button-pay = 💳 Оплатить
ws-bill-pdf-caption = Счёт по заказ-наряду № { NUMBER($id, useGrouping: 0) }
ws-bill-short = { $firm }: ваша машина готова! Заказ-наряд № { NUMBER($id, useGrouping: 0) }, к оплате { $total }.
ws-pdf-heading = Счёт по заказ-наряду № { NUMBER($id, useGrouping: 0) }
ws-pdf-total = Итого
ws-order-pdf-caption = Заказ-наряд № { NUMBER($id, useGrouping: 0) }, как вы его согласовали
ws-doc-order-heading = Заказ-наряд № { NUMBER($id, useGrouping: 0) } (версия { NUMBER($version, useGrouping: 0) })
ws-doc-page = Заказ-наряд № { NUMBER($id, useGrouping: 0) } — стр. { $page } из { $pages }
ws-doc-inn = ИНН { $inn }
ws-doc-client = Заказчик: { $name }, телефон: { $phone }
ws-doc-title = Заказ: { $title }
ws-doc-accepted = Машину приняли: { $when }
ws-doc-started = Работы начаты: { $when }
ws-doc-finished = Работы закончены: { $when }
ws-doc-promised = Машина будет готова: { $when }
ws-doc-policy = Если найдём другие неисправности: { $policy }
ws-doc-car = Автомобиль: { $car }
ws-doc-car-words = Автомобиль (со слов клиента): { $car }
ws-doc-plate = Госномер: { $plate }
ws-doc-vin = VIN: { $vin }
ws-doc-odometer = Пробег: { $km } км
ws-doc-col-work = Наименование
ws-doc-col-hours = Н/ч
ws-doc-col-price = Сумма
ws-doc-col-code = Код
ws-doc-col-labour = Работа
ws-doc-col-parts = Запчасти
ws-doc-mechanic = Исполнитель (мастер): { $mechanic }
ws-doc-line-mechanic = { $title } (мастер: { $mechanic })
ws-doc-col-decision = Решение
ws-doc-status-offered = ждёт ответа
ws-doc-status-approved = согласовано
ws-doc-status-declined = отказ
ws-doc-extra = { $title } (найдено в работе)
ws-doc-total-approved = Согласовано на сумму
ws-doc-paid = Оплачено
ws-doc-due = К оплате
ws-doc-consent = Согласие клиента
ws-doc-consent-approved = { $n }. { $title } — { $price }: согласовано { $when } ({ $how })
ws-doc-consent-declined = { $n }. { $title } — { $price }: отказ { $when } ({ $how })
ws-doc-via-line = { $channel }, по позиции
ws-doc-via-all = { $channel }, кнопкой «Согласовать всё»
ws-doc-via-policy = по правилу, которое клиент задал заранее
ws-doc-warranty-title = Гарантия
ws-doc-warranty = Гарантия на выполненные работы: { $terms }{ $both ->
    [yes]  — что наступит раньше
   *[no] { "" }
}, с даты выдачи машины.
ws-doc-warranty-or = { " " }или{ " " }
ws-doc-warranty-d = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[many] { $n } дней
}
ws-doc-warranty-mo = { $n ->
    [one] { $n } месяц
    [few] { $n } месяца
   *[many] { $n } месяцев
}
ws-doc-warranty-y = { $n ->
    [one] { $n } год
    [few] { $n } года
   *[many] { $n } лет
}
ws-doc-warranty-km = { $km } км
ws-doc-advice = Наши рекомендации

## Managers

ws-source-client = клиент сам, в чате
ws-source-manager = менеджер
ws-source-invitation = по приглашению
ws-card =
    🔧 <b>Запись в сервис #{ NUMBER($id, useGrouping: 0) }</b>: { $when }
    Работа: { $kind }
    Что беспокоит: { $problem }
    Машина: { $car }, пробег { $odometer } км
    Записал: { $source }
ws-topic-confirmed = ✅ Клиент подтвердил визит #{ NUMBER($id, useGrouping: 0) } ({ $when }).
ws-topic-cancelled = ✖️ Клиент отменил визит #{ NUMBER($id, useGrouping: 0) } ({ $when }).
ws-topic-moved = 🕐 Клиент перенёс визит #{ NUMBER($id, useGrouping: 0) }: { $old } → { $new }.
ws-book-done = ✅ Записали клиента: #{ NUMBER($id, useGrouping: 0) }, { $when }. Клиенту отправлено подтверждение.
ws-book-by-phone = ✅ Записали клиента { $phone }: запись и карточка — в его теме.
ws-book-phone = Не похоже на номер телефона: { $phone }. Пример: /book +7 900 123-45-67 24.11 10:00 ТО
ws-book-usage = Формат: /book [+7…] ДД.ММ ЧЧ:ММ вид [заметка]. Виды работ: { $kinds }
ws-book-kind = Такого вида работ нет. Виды: { $kinds }
ws-book-past = Это время уже прошло.
ws-book-not-a-slot = Запись идёт по слотам. Свободно в этот день: { $free }
ws-book-full = Это время занято: нет свободного поста на { $hours } ч до закрытия. Свободно в этот день: { $free }
ws-bad-date = Не получилось разобрать дату: напишите ДД.ММ или ДД.ММ.ГГГГ.
ws-bad-time = Не получилось разобрать время: напишите ЧЧ:ММ, например 18:00 (или ДД.ММ ЧЧ:ММ).
ws-date-far = Дата отстоит от сегодняшней больше чем на год — проверьте её, пожалуйста: ДД.ММ или ДД.ММ.ГГГГ.
ws-slots =
    📅 <b>Загрузка { $day }</b>
    { $lines }
    { $bays }
ws-slots-line = { $time } — { $taken }/{ $bays }: { $names }
ws-slots-bay = Пост { $bay } — { $hours } ч: { $visits }
ws-slots-total = Занято { $booked } ч из { $open } ч.
ws-slots-closed = { $day } сервис не работает.
ws-walk-in = без записи
ws-topic-arrived = 🚗 Заказ-наряд № { NUMBER($id, useGrouping: 0) } открыт { $when } (запись: { $booking }). Дальше: /order со строками.
ws-order-already-open = Заказ-наряд № { NUMBER($id, useGrouping: 0) } уже открыт. Строки — командой /order, найденное в работе — /extra.
ws-order-already-sent = Заказ-наряд № { NUMBER($id, useGrouping: 0) } уже у клиента. Найденное в работе — /extra строка | цена; готово — /done.
ws-order-usage =
    Формат заказ-наряда:
    /order ТО-3, Kia Rio 2019, 68 200 км
    Замена масла и фильтра | 3 500
    Колодки передние | 2 000 + 4 200 (работа + запчасти)
    ТО-1 (код из прейскуранта)
    Готово: 18:00
    Доп. работы: спросить (или «до 5000», или «нет»)
ws-order-bad-line = Не получилось разобрать строку «{ $line }»: нужно «работа или деталь | цена», «работа | 2000 + 3500» (работа + запчасти) или код из прейскуранта.
ws-order-unknown-code = Кода «{ $code }» нет в прейскуранте. Похожие: { $near }.
ws-order-unknown-code-none = Кода «{ $code }» нет в прейскуранте. Напишите код из прейскуранта или строку «работа | цена».
ws-order-bad-policy = Доп. работы: «спросить», «до 5000» или «нет».
ws-order-limit-too-big = Слишком большой предел доп. работ: не больше { $most } ₽.
ws-order-no-ready = Укажите обещанное время: строка «Готово: 18:00».
ws-ready-past = Это время уже прошло: укажите будущее.
ws-topic-order-sent = 🧾 Заказ-наряд № { NUMBER($id, useGrouping: 0) } у клиента: строк { $count }, на { $total }, готовность { $when }. Ждём согласия.
ws-topic-line-approved = ✅ Клиент согласовал: { $line }
ws-topic-line-declined = ❌ Клиент отказался: { $line }
ws-topic-reason = Причина отказа ({ $line }): { $reason }
ws-topic-all-approved = ✅ Клиент согласовал всё по заказ-наряду № { NUMBER($id, useGrouping: 0) }.
ws-topic-order-agreed = 👍 Заказ-наряд № { NUMBER($id, useGrouping: 0) } решён: согласовано { $count }, отказов { $declined }, сумма { $total }. Можно работать.
ws-extra-no-order = Сначала отправьте заказ-наряд клиенту (/order).
ws-topic-extra-asked = 🔎 Доп. работа отправлена клиенту на согласие: { $line }
ws-topic-extra-policy-approved = 🔎 { $line } — согласовано по правилу клиента (до { $limit }), клиенту сообщили.
ws-topic-extra-policy-declined = 🔎 { $line } — клиент выбрал «сверх заказа не делать»: не делаем, клиенту сообщили.
ws-ready-no-order = У клиента нет заказ-наряда в работе.
ws-ready-reason = Укажите новое время и причину: /ready 19:30 ждём запчасть. Без причины клиенту не сообщаем.
ws-topic-ready-moved = 🕐 Готовность по № { NUMBER($id, useGrouping: 0) } перенесена: { $old } → { $new }. Клиенту сообщили с причиной.
ws-topic-promise-soon = ⏰ Через 30 минут обещанное время по № { NUMBER($id, useGrouping: 0) } ({ $when }), а заказ-наряд не закрыт. Успеваем? Если нет — /ready новое время и причина.
ws-topic-promise-lapsed = ⚠️ Обещанное время по № { NUMBER($id, useGrouping: 0) } ({ $when }) прошло, машина не выдана. Сообщите клиенту: /ready новое время и причина.
ws-general-promise-lapsed = ⚠️ Сервис: у клиента { $name } прошло обещанное время по заказ-наряду № { NUMBER($id, useGrouping: 0) } ({ $when }).
ws-done-no-order = У клиента нет заказ-наряда в работе.
ws-mech-usage = Формат: /mech @мастер или /mech Имя — исполнитель заказ-наряда; /mech 2 @мастер — исполнитель строки 2; «-» вместо имени снимает назначение.
ws-mech-bad-line = Номер строки «{ $line }» не читается: напишите его цифрами, например /mech 2 @мастер.
ws-mech-bad-name = Имя мастера: @имя в Telegram или имя до 40 символов, например /mech Пётр.
ws-mech-no-order = У клиента нет заказ-наряда в работе: сначала /arrived или /order.
ws-mech-no-line = В заказ-наряде нет строки { $n }: { $count ->
        [one] в нём { $count } строка.
        [few] в нём { $count } строки.
       *[many] в нём { $count } строк.
    }
ws-mech-order = 🔧 Исполнитель заказ-наряда № { NUMBER($id, useGrouping: 0) }: { $name }
ws-mech-line = 🔧 Строка { $n } («{ $title }»): исполнитель { $name }
ws-mech-nobody = не назначен
ws-done-undecided = Клиент ещё не ответил по всем строкам: без согласия в счёт не включаем. Дождитесь ответа или уточните у клиента.
ws-done-changed = Пока готовился счёт, клиент изменил заказ-наряд. Отправьте /done ещё раз.
ws-topic-done = ✅ Заказ-наряд № { NUMBER($id, useGrouping: 0) } закрыт { $when }, сумма { $total }. Вовремя: { $on_time }
ws-on-time-yes = да
ws-on-time-no = нет
ws-on-time-unknown = —
ws-manager-help =
    <b>Сервис</b> (в теме клиента):
    /book ДД.ММ ЧЧ:ММ вид [заметка] — записать клиента, который позвонил
    /book +7… ДД.ММ ЧЧ:ММ вид — то же по номеру телефона (можно и в General): у кого нет чата с ботом, получит SMS
    /slots [ДД.ММ] — загрузка дня (можно и в General)
    /arrived — машина приехала: открыть заказ-наряд и акт приёма
    /act + строки «Пробег:», «Топливо:», «Повреждения:», «Вещи:», «Жалоба:», «Клиент: ждёт | оставляет | подменная» — акт приёма клиенту на подтверждение; фото — с подписью /act; /act send — отправить снова
    /order заголовок + строки «работа | цена» (или «| работа + запчасти», или код из прейскуранта), «Готово: 18:00», «Доп. работы: спросить | до 5000 | нет» — на согласие клиенту
    /extra работа | цена — найдено в работе (фото — в той же подписи или перед командой)
    /ready ЧЧ:ММ причина — перенести обещанное время (причина обязательна)
    /done [совет] — машина готова: счёт, PDF, оплата
    /paid сумма [наличные | карта | перевод] — оплата по заказ-наряду: клиенту квитанция, в счёте оплачено и остаток
    /mech @мастер — исполнитель заказ-наряда; /mech 2 @мастер — строки 2
    /qc — проверка перед выдачей кнопками (/qc 2 5, /qc все); /done причина … — выдать, не отметив всё
    /progress этап [ДД.ММ] [комментарий] — где машина, клиенту сразу (diagnosis, parts 12.12 — ждём запчасти до даты, work, check — и проверка)

## Payment on a work order (/paid, issue 24)

ws-paid-usage = Формат оплаты по заказ-наряду: /paid сумма [наличные | карта | перевод], например: /paid 7 400 картой. Оплата по заявке — с назначением: /paid #12 150 000 задаток
ws-paid-no-order = У клиента нет заказ-наряда, за который можно записать оплату. Оплату по заявке пишите с назначением: /paid 150 000 задаток
ws-paid-nothing-yet = По заказ-наряду № { NUMBER($id, useGrouping: 0) } ещё нет согласованных работ — оплачивать пока нечего.
ws-paid-over = Не записали: { $amount } — больше, чем осталось по заказ-наряду № { NUMBER($id, useGrouping: 0) } (сумма { $total }, оплачено { $paid }, осталось { $due }).
ws-paid-receipt = 🧾 Получили оплату по заказ-наряду № { NUMBER($id, useGrouping: 0) }: <b>{ $amount }</b>{ $method ->
    [cash] , наличными
    [card] , картой
    [transfer] , переводом
   *[other] { "" }
}.
ws-paid-done = ✅ Записали оплату { $amount }{ $method ->
    [cash] { " " }наличными
    [card] { " " }картой
    [transfer] { " " }переводом
   *[other] { "" }
} по заказ-наряду № { NUMBER($id, useGrouping: 0) }, клиенту ушла квитанция. { $summary }
ws-bill-paid = 💰 Оплачено: { $paid }, осталось оплатить: <b>{ $due }</b>

## The reception act (/act, issue 24)

ws-act-ask =
    📋 Акт приёма к заказ-наряду № { NUMBER($id, useGrouping: 0) }: заполните и пришлите командой /act; фото повреждений — каждое с подписью /act.
    Клиент: ждёт, оставляет или подменная. Когда есть пробег, топливо и «Клиент», акт уйдёт клиенту на подтверждение.
    <pre>{ $form }</pre>
ws-act-shown =
    📋 Акт приёма, заказ-наряд № { NUMBER($id, useGrouping: 0) }:
    { $act }
    Изменить — командой /act со строками:
    <pre>{ $form }</pre>
ws-act-recorded = 📋 Акт приёма к заказ-наряду № { NUMBER($id, useGrouping: 0) } записан. Чтобы отправить его клиенту, не хватает: { $missing }.
ws-act-photo = 📷 Фото приложено к акту приёма, всего фото: { $count }. Отправить акт клиенту: /act send
ws-act-sent = 📋 Акт приёма к заказ-наряду № { NUMBER($id, useGrouping: 0) } (версия { $version }) отправлен клиенту на подтверждение.
ws-act-no-order = Сначала откройте заказ-наряд: /arrived.
ws-act-photo-kind = К акту приёма прикладываются фото, видео или файлы.
ws-act-incomplete = Акт приёма пока нельзя отправить: не хватает { $missing }.
ws-act-unchanged = Акт приёма (версия { $version }) уже у клиента, и с тех пор в нём ничего не менялось.
ws-act-invalid =
    Акт приёма не записан:
    { $problems }
    Исправьте и пришлите снова:
    <pre>{ $form }</pre>
ws-act-unknown-line = непонятная строка «{ $line }»: строки — Пробег, Топливо, Повреждения, Вещи, Жалоба, Клиент
ws-act-bad-odometer = пробег «{ $typed }»: нужны цифры, например 68 200 (до 2 000 000)
ws-act-bad-fuel = топливо «{ $typed }»: например 1/2, 3/4, 40%, полный или резерв
ws-act-bad-stay = клиент «{ $typed }»: одно из трёх — ждёт, оставляет или подменная
ws-act-bad-damage = повреждения: текст до { $limit } знаков
ws-act-bad-items = вещи: текст до { $limit } знаков
ws-act-bad-complaint = жалоба: текст до { $limit } знаков
ws-act-field-odometer = Пробег
ws-act-field-fuel = Топливо
ws-act-field-damage = Повреждения
ws-act-field-items = Вещи
ws-act-field-complaint = Жалоба
ws-act-field-stay = Клиент
ws-act-stay-word-wait = ждёт
ws-act-stay-word-leave = оставляет
ws-act-stay-word-courtesy = подменная
ws-act =
    📋 <b>Акт приёма автомобиля</b> к заказ-наряду № { NUMBER($id, useGrouping: 0) }
    { $act }

    Проверьте, пожалуйста. Если всё так, нажмите «✅ Всё верно»; если что-то не так — напишите нам.
ws-act-line = { $field }: { $value }
ws-act-label-odometer = Пробег
ws-act-label-fuel = Топливо
ws-act-label-damage = Видимые повреждения
ws-act-label-items = Вещи в машине
ws-act-label-complaint = Жалоба клиента, его словами
ws-act-label-stay = Пока машина в работе
ws-act-stay-wait = клиент ждёт на месте
ws-act-stay-leave = клиент оставляет машину
ws-act-stay-courtesy = клиенту выдан подменный автомобиль
ws-act-km = { $km } км
ws-act-fuel-full = полный бак
ws-act-fuel-reserve = на резерве
ws-act-with-photos = { $damage } (фото: { $count })
ws-act-photo-caption = 📷 К акту приёма, заказ-наряд № { NUMBER($id, useGrouping: 0) }
ws-act-button-confirm = ✅ Всё верно
ws-act-confirmed = Спасибо! Акт приёма подтверждён.
ws-act-already = Этот акт приёма вы уже подтвердили.
ws-act-changed = Акт приёма с тех пор изменился — вот он сейчас.
ws-topic-act-confirmed = ✅ Клиент подтвердил акт приёма (версия { $version }): { $when }.
ws-doc-act = Акт приёма
ws-doc-act-confirmed = Подтверждён клиентом: { $when } ({ $channel }, версия { $version })
ws-doc-act-unconfirmed = Клиент ещё не подтвердил акт приёма.
ws-doc-act-newest-unconfirmed = Версию { $version }, с последними изменениями, клиент ещё не подтвердил.
ws-doc-act-changed = После версии { $version } акт изменён, и эти изменения клиенту ещё не отправлены.

## The quality check before release (/qc, issue 24)

ws-qc-item-road_test = Тест-драйв
ws-qc-item-lines_done = Все согласованные работы выполнены
ws-qc-item-fluids = Жидкости
ws-qc-item-wheel_torque = Момент затяжки колёс
ws-qc-item-interior = Салон чистый
ws-qc-item-old_parts = Старые детали предложены
ws-qc-list = 🔍 <b>Проверка перед выдачей, заказ-наряд № { NUMBER($id, useGrouping: 0) }:</b> отмечено { $done } из { $total }
    { $lines }
    Отметить пункт или снять отметку — кнопкой: кто нажал, тот и проверил. Командой: /qc 2 5, снять: /qc 3 -, все сразу: /qc все. Выдать без полной проверки: /done причина …
ws-qc-line-checked = ✅ { $position }. { $item } — { $who }, { $when }
ws-qc-usage = Не получилось понять. Напишите номера пунктов от 1 до { $count }: /qc 2 5; снять отметку: /qc 3 -; все сразу: /qc все; выдать без полной проверки: /qc skip причина.
ws-qc-none = В настройке QC_CHECKS нет пунктов, проверять нечего.
ws-qc-no-order = У клиента нет заказ-наряда в работе: проверять нечего.
ws-qc-press-stale = Эта кнопка устарела. Откройте проверку заново: /qc
ws-qc-already-on = Этот пункт уже отмечен: { $item }
ws-qc-already-off = Этот пункт и так не отмечен: { $item }
ws-qc-open = Машину пока не выдаём: проверка перед выдачей (заказ-наряд № { NUMBER($id, useGrouping: 0) }) не закончена, не отмечено: { $items }. Отметьте их в /qc или выдайте с причиной: /done причина …
ws-qc-needs-reason = Напишите причину: /done причина … (или /qc skip причина). Она сохранится вместе с неотмеченными пунктами.
ws-qc-reason-too-long = Причина длиннее { $limit } знаков, сократите её.
ws-qc-nothing-to-skip = Все пункты отмечены, пропускать нечего.
ws-qc-waived = ⚠️ Заказ-наряд № { NUMBER($id, useGrouping: 0) } выдаётся без полной проверки. Не отмечено: { $items }. Причина: «{ $reason }»
ws-stats-qc = Выдано без полной проверки: { $waived } из { $done }
ws-stats-floor-hours = Нормочасы: продано { $sold } ч из { $available } ч ({ $share })
ws-stats-floor-days = По дням: { $days }
ws-stats-floor-days-export = По дням — в файле /export.
ws-stats-floor-top = Частые работы: { $top }
ws-stats-floor-average = Средний заказ-наряд: { $average } (закрыто: { $orders })
ws-stats-floor-mechanics = По мастерам:
ws-stats-floor-no-mechanics = По мастерам: —
ws-stats-floor-mechanic = • { $name }: заказ-нарядов { $orders }, { $hours } ч, повторных обращений { $comebacks }, качество { $quality } ({ $checks })
ws-stats-floor-nobody = без мастера
ws-stats-acts = Акты приёма подтверждены клиентом: { $confirmed } из { $sent } отправленных ({ $share })
ws-stats-steps = Время по этапам, в среднем: { $steps }
ws-stats-step = { $step } — { $hours } ч ({ $count })

## Where the car is (/progress, issue 24)

ws-topic-progress = 🔧 Заказ-наряд № { NUMBER($id, useGrouping: 0) }: { $step }{ $until }. Клиенту сообщили.
ws-progress-usage = Не получилось понять этап. Напишите один из них (ключ или название): { $steps }. Например: /progress parts 12.12
ws-progress-none = В настройке WORKSHOP_PROGRESS нет этапов.
ws-progress-no-order = У клиента нет заказ-наряда в работе: сначала /arrived.
ws-progress-past = Этот день уже прошёл. Напишите, когда ждёте запчасти, например: /progress parts 12.12
ws-progress-note-too-long = Комментарий длиннее { $limit } знаков, сократите его.

## After the visit: the check, comebacks, the review

ws-check-intro = Здравствуйте! Несколько дней назад мы обслуживали вашу машину (заказ-наряд № { NUMBER($id, useGrouping: 0) }). Как всё прошло? Шесть коротких вопросов с ответами кнопками и, если захотите, комментарий.
ws-check-intro-short = { $firm }: как прошёл визит в сервис (заказ-наряд № { NUMBER($id, useGrouping: 0) })? Шесть коротких вопросов, ответ — цифрой.
ws-check-ask-quality = Как вы оцениваете качество работы? (1 — плохо, 5 — отлично)
ws-check-ask-on_time = Насколько вовремя машина была готова? (1 — сильно опоздали, 5 — точно в срок)
ws-check-ask-clarity = Насколько понятно мы объяснили работы и счёт?
ws-check-ask-staff = Как вы оцениваете работу сотрудников?
ws-check-ask-nps = Насколько вероятно, что вы порекомендуете наш сервис друзьям? (0 — точно нет, 10 — точно да)
ws-check-ask-problem_back = Проблема, с которой вы приезжали, вернулась?
ws-check-yes = Да, вернулась
ws-check-no = Нет, всё хорошо
ws-check-ask-comment = Хотите что-то добавить? Напишите — или нажмите «Пропустить».
ws-check-ask-comment-short = Хотите что-то добавить? Напишите в ответ.
ws-check-thanks = Спасибо за ответы! Они помогают нам работать лучше.
ws-check-label-quality = Качество
ws-check-label-on_time = Вовремя
ws-check-label-clarity = Понятность
ws-check-label-staff = Сотрудники
ws-check-label-nps = Рекомендация
ws-check-label-problem_back = Проблема вернулась (1 — да)
ws-topic-comeback = 🔁 <b>Повторное обращение:</b> у клиента вернулась проблема после заказ-наряда № { NUMBER($id, useGrouping: 0) }. Позвоните и пригласите на бесплатную диагностику.
ws-general-comeback = 🔁 Сервис: повторное обращение — { $name }, проблема вернулась после заказ-наряда № { NUMBER($id, useGrouping: 0) }.
ws-topic-check-low = ⚠️ <b>Низкая оценка после визита (№ { NUMBER($id, useGrouping: 0) }):</b> { $question } — { $value }. Позвоните клиенту.
ws-topic-check-done = 📋 Опрос после визита (№ { NUMBER($id, useGrouping: 0) }): { $answers }. Комментарий: { $comment }

## Active invitations and deferred work

ws-invite =
    🔧 Пора на обслуживание:
    { $items }
    Выберите время — одно нажатие, и вы записаны:
ws-invite-interval = • { $days ->
        [one] прошёл { $days } день
        [few] прошло { $days } дня
       *[many] прошло { $days } дней
    } с последнего обслуживания или с покупки машины
ws-invite-km = • пробег по нашей оценке подходит к { $km } км
ws-invite-deferred = • отложенная работа: { $title } — { $price }
ws-button-no-reminders = 🔕 Не напоминать
ws-no-reminders = Хорошо, больше не будем напоминать о ТО. Записаться можно в любой момент через меню.
ws-already-booked = У вас уже есть запись — ждём вас! Перенести её можно из напоминания накануне.
ws-booking-limit =
    У вас уже { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    } в сервис:
    { $bookings }
    Больше одновременно мы не принимаем. Чтобы записаться ещё раз, отмените одну из них кнопкой ниже или напишите нам.
ws-button-cancel-this = ✖️ Отменить { $when }
ws-deferred-back =
    🔧 Вы просили напомнить об отложенной работе:
    { $title } — { $price }
    Записаться — одно нажатие:
ws-topic-invited =
    📨 Клиенту отправлено приглашение на ТО:
    { $items }
ws-topic-deferred-back = 📨 Клиенту напомнили об отложенной работе: { $title }
ws-topic-no-reminders = 🔕 Клиент попросил не напоминать о ТО.

## Figures

ws-stats =
    🔧 <b>Сервис</b> ({ $first } — { $last })
    Записей сделано: { $bookings }
    Пришли: { $arrived } из { $expected } ({ $show }); не пришли: { $no_shows }; отменили: { $cancelled }
    Обещанное время сдержано: { $kept } из { $done } ({ $kept_share })
    Согласовано строк: { $approved } из { $offered } ({ $approved_share }); по сумме { $approved_sum } из { $offered_sum } ({ $sum_share })
    Отказы по причинам: { $declined }
    Повторные обращения (30 дней): { $comebacks }; «проблема вернулась»: { $problem_back }
    Опрос после визита ({ $checks }): качество { $quality }, вовремя { $on_time }, понятность { $clarity }, сотрудники { $staff }; NPS { $nps }
ws-stats-reason-price = дорого
ws-stats-reason-later = позже
ws-stats-reason-elsewhere = в другом месте
ws-stats-reason-other = другое
ws-stats-reason-policy = по правилу клиента
ws-export-caption = Заказ-наряды за { $first } — { $last }: { $rows }
ws-export-days-caption = Нормочасы по дням за { $first } — { $last }: { $rows }
ws-export-day-col-day = День
ws-export-day-col-sold = Продано, ч
ws-export-day-col-available = Доступно, ч
ws-export-day-col-share = Загрузка
ws-export-mechanics-caption = Мастера за { $first } — { $last }: { $rows }
ws-export-mech-col-mechanic = Мастер
ws-export-mech-col-orders = Заказ-нарядов
ws-export-mech-col-hours = Нормочасов
ws-export-mech-col-comebacks = Повторных обращений
ws-export-mech-col-checks = Опросов с ответом
ws-export-mech-col-quality = Качество (1–5)
ws-export-col-id = №
ws-export-col-client = Клиент
ws-export-col-title = Заказ-наряд
ws-export-col-car = Машина
ws-export-col-opened_at = Открыт
ws-export-col-sent_at = Отправлен клиенту
ws-export-col-first_promised_at = Обещано сначала
ws-export-col-promised_at = Обещано в итоге
ws-export-col-closed_at = Закрыт
ws-export-col-extra_policy = Доп. работы
ws-export-col-extra_limit = Лимит доп. работ, ₽
ws-export-col-lines = Строк
ws-export-col-approved = Согласовано строк
ws-export-col-offered_sum = Предложено, ₽
ws-export-col-total = Согласовано, ₽
ws-export-col-qc_waived = Выдан без полной проверки: причина
ws-export-col-act_confirmed_at = Акт приёма подтверждён

## Odometer, deferred work on the card

ws-ask-km = 🚗 Сколько сейчас на одометре? В прошлый раз было { $km } км. Напишите число — так мы вовремя напомним о ТО.
ws-km-thanks = Спасибо, записали! Напомним о ТО, когда подойдёт время.
ws-km-skipped = Хорошо. Если захотите записаться в сервис — кнопка в меню.
ws-card-deferred =
    Отложенные клиентом работы (предложите снова):
    { $items }
ws-topic-no-show = 🚫 Клиент не приехал на визит #{ NUMBER($id, useGrouping: 0) } ({ $when }). Позвоните: всё ли в порядке, и предложите другое время (/book).
ws-resume = Теперь вернёмся к тому, что вы не закончили: ответьте на последний вопрос выше. Заявку на подбор покажет снова /new.
ws-booking-cancelled = Запись отменена — ничего не сохранили. Записаться можно в любой момент через меню.
