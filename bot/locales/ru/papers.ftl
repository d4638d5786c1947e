## The car on file (/car, issue 23): one record for the deal and the workshop

car-field-make = Марка
car-field-model = Модель
car-field-year = Год
car-field-vin = VIN
car-field-plate = Госномер
car-field-colour = Цвет
car-field-odometer = Пробег
car-line = { $field }: { $value }
car-km = { $km } км
card-car = 🚗 <b>Купленная машина:</b> { $car }, VIN { $vin }
car-recorded = ✅ Машина заявки № { NUMBER($id, useGrouping: 0) } записана за клиентом:
    { $car }
    Теперь это машина клиента для записи в сервис, приглашений на ТО, поиска /find и выгрузки.
car-shown = 🚗 Машина заявки № { NUMBER($id, useGrouping: 0) }:
    { $car }
    Изменить поле: /car #{ NUMBER($id, useGrouping: 0) } и строка «Поле: значение».
car-none = У заявки № { NUMBER($id, useGrouping: 0) } машина ещё не записана. Отправьте форму (VIN, госномер и цвет можно добавить позже):
    <pre>/car #{ NUMBER($id, useGrouping: 0) }
    { $form }</pre>
car-invalid = Машину не записали. Исправьте и отправьте ещё раз:
    { $problems }
    <pre>/car #{ NUMBER($id, useGrouping: 0) }
    { $form }</pre>
car-not-bought = Машину записываем, когда она куплена, а заявка № { NUMBER($id, useGrouping: 0) } сейчас на этапе «{ $stage }». Сначала переведите её на этап «{ $paid }» или дальше.
car-unknown-line = строка «{ $line }» — не поле формы (поля: Марка, Модель, Год, VIN, Госномер, Цвет, Пробег)
car-missing = нет поля «{ $field }»
car-vin-length = VIN «{ $vin }»: { $length ->
        [one] { $length } знак
        [few] { $length } знака
       *[many] { $length } знаков
    }, а нужно 17
car-vin-characters = VIN «{ $vin }»: только латинские буквы и цифры
car-vin-ioq = VIN «{ $vin }»: в VIN не бывает букв I, O и Q — может быть, это цифры 1 и 0?
car-vin-check-digit = VIN «{ $vin }»: не сходится контрольный знак (9-й) — в номере опечатка
car-bad-plate = госномер «{ $plate }»: нужны буквы и цифры, от 2 до 12 знаков
car-bad-year = год «{ $year }»: нужен год от { NUMBER($first, useGrouping: 0) } до { NUMBER($last, useGrouping: 0) }
car-bad-odometer = пробег «{ $km }»: нужно число километров, например 68 000
car-bad-text = «{ $field }»: пусто или длиннее { $limit } знаков

## The legal check (/legal, issue 23)

legal-item-liens = Залоги
legal-item-restrictions = Ограничения на регистрацию
legal-item-wanted = Розыск
legal-item-owners = Владельцы по ПТС
legal-item-accidents = История ДТП
legal-item-mileage = Пробег
legal-item-documents = Документы соответствуют машине
legal-list = ⚖️ <b>Юридическая проверка, заявка № { NUMBER($id, useGrouping: 0) }:</b> проверено { $done } из { $total }
    { $lines }
    Отметить пункт или снять отметку — кнопкой. С комментарием: /legal #{ NUMBER($id, useGrouping: 0) } 3 комментарий (или фото с такой подписью); снять: /legal #{ NUMBER($id, useGrouping: 0) } 3 -
legal-note = {"\u00A0"}— { $note }
legal-none = В настройке LEGAL_CHECKS нет пунктов, проверять нечего.
legal-usage = Не получилось понять. Напишите номер пункта от 1 до { $count }: /legal #{ NUMBER($id, useGrouping: 0) } 3 комментарий; снять отметку: /legal #{ NUMBER($id, useGrouping: 0) } 3 -; закрыть документы без проверки: /legal #{ NUMBER($id, useGrouping: 0) } skip причина.
legal-note-too-long = Комментарий длиннее { $limit } знаков, сократите его.
legal-nothing-to-skip = Все пункты проверены, пропускать нечего.
legal-skip-needs-reason = Напишите причину: /legal #{ NUMBER($id, useGrouping: 0) } skip причина. Она сохранится вместе с непроверенными пунктами.
legal-skipped = Записали причину: «{ $reason }». Этап «Документы» можно закрыть, хотя не проверены: { $items }.
legal-held = Этап «Документы» не закрыт: не проверены { $items }. Отметьте их в /legal #{ NUMBER($id, useGrouping: 0) } или напишите причину (/legal #{ NUMBER($id, useGrouping: 0) } skip причина), и тогда переводите на этап «{ $stage }».
legal-press-stale = Эта кнопка устарела. Откройте проверку заново: /legal
legal-client = ⚖️ <b>Юридическая проверка</b>, что мы проверили:
    { $lines }
legal-client-item = ✅ { $item }{ $note }
card-legal = ⚖️ <b>Юридическая проверка:</b> { $done } из { $total }

## How the client heard of us (LEAD_SOURCES, issue 23)

source-ask = И последний вопрос, по желанию: как вы о нас узнали?
source-thanks = Спасибо, записали!
source-skipped = Хорошо, пропустим.
source-topic = 📣 Заявка № { NUMBER($id, useGrouping: 0) }: клиент узнал о нас так: { $source }
source-unknown = «{ $typed }» нет в списке источников. Напишите один из: { $names }
source-set = Источник заявки № { NUMBER($id, useGrouping: 0) }: { $old } → { $new }
source-none = Не указан
card-source = 📣 <b>Откуда узнал о нас:</b> { $source }
source-stats = 📣 <b>По источникам</b> (заявки за период; сделки — сколько из них уже переданы клиенту; NPS — по опросам за период):
    { $lines }
source-line = { $source }: заявки: { $requests }, сделки: { $deals }
source-conversion = ({ $share } %)
source-nps = NPS { $nps } (ответов: { $answered })
source-nps-none = NPS: ответов нет
