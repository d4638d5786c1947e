## Viewings and test drives of a reported car (bot/services/inspection/viewings.py, docs/viewings.md)

viewing-button-want = 👀 Хочу посмотреть
viewing-kind-viewing = осмотр
viewing-kind-test_drive = тест-драйв
viewing-car = № { NUMBER($number, useGrouping: 0) }, { $title }
viewing-ask-kind = Договоримся о встрече: { $title }. Хотите осмотреть машину или прокатиться на ней?
viewing-ask-slot = Когда вам удобно? Выберите время или напишите своё, например: 12.12 15:00 или «в субботу после обеда».
viewing-ask-time = Когда вам удобно? Напишите день и время, например: 12.12 15:00 или «в субботу после обеда».
viewing-use-buttons = Выберите кнопкой: осмотр или тест-драйв. Ваше сообщение мы передали менеджеру.
viewing-slot-gone = Это время уже занято — выберите другое.
viewing-odd-digits = Напишите, пожалуйста, время обычными цифрами 0–9, например: 12.12 15:00.
viewing-wish-too-long = Слишком длинно: напишите день и время короче, не больше { $most } символов.
viewing-past = Это время уже прошло — выберите другое.
viewing-far = Это больше чем через { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } — выберите время поближе.
viewing-busy = Сначала закончим текущий вопрос, потом нажмите «👀 Хочу посмотреть» ещё раз.
viewing-deal-ended = Заявка №{" "}{ NUMBER($id, useGrouping: 0) } уже закрыта, показ по ней не назначаем. Если хотите посмотреть машину, напишите менеджеру.
viewing-asked = { $timed ->
        [yes] Записали: { $kind }, { $when }. Менеджер подтвердит время или предложит другое.
       *[no] Записали: { $kind }, «{ $when }». Менеджер предложит точное время.
    }
viewing-already-asked = Вы уже попросили показ этой машины — менеджер скоро ответит. Можно выбрать другое время или отменить.
viewing-already-confirmed = Показ уже назначен: { $when }.
viewing-button-accept = ✅ Подходит
viewing-button-other = 🕑 Другое время
viewing-button-cancel = ❌ Отменить показ
viewing-proposed = Предлагаем время для показа машины { $car } ({ $kind }): <b>{ $when }</b>. Подходит?
viewing-confirmed = ✅ Договорились: { $kind }, машина { $car } — <b>{ $when }</b>. Напомним заранее.
viewing-reminder = ⏰ Напоминаем: { $kind }, машина { $car } — <b>{ $when }</b>.
viewing-how = Как прошёл { $kind } машины { $car }? Расскажите, что думаете: можно кнопкой или просто написать.
viewing-cancelled = Показ отменили. Если захотите посмотреть машину снова, нажмите «👀 Хочу посмотреть» под отчётом.
viewing-cancelled-by-us = Показ машины { $car } отменён. Менеджер расскажет, что дальше.

viewing-words = «{ $words }» (слова клиента)
viewing-topic-asked = 👀 Клиент хочет посмотреть машину { $car } по заявке №{" "}{ NUMBER($id, useGrouping: 0) }: { $kind }, { $when }.
    Подтвердите кнопкой или предложите другое время: /viewing #{ NUMBER($id, useGrouping: 0) } ДД.ММ ЧЧ:ММ или ответом на это сообщение «ДД.ММ ЧЧ:ММ»
viewing-button-confirm = ✅ Подтвердить
viewing-button-propose = 🕑 Предложить другое время
viewing-propose-how = { $calendar ->
        [yes] Выберите время или напишите своё:
       *[no] Напишите время:
    } /viewing #{ NUMBER($id, useGrouping: 0) } 12.12 15:00
viewing-proposed-topic = 🕑 Клиенту предложено время показа по заявке №{" "}{ NUMBER($id, useGrouping: 0) }: { $when }. Ждём ответа.
viewing-confirmed-topic = ✅ Показ по заявке №{" "}{ NUMBER($id, useGrouping: 0) } назначен: { $kind }, { $when }. Клиенту напомним заранее.
viewing-already-confirmed-topic = Показ по заявке №{" "}{ NUMBER($id, useGrouping: 0) } уже подтверждён — ничего не меняем.
viewing-topic-cancelled = ❌ Клиент отменил показ машины { $car } по заявке №{" "}{ NUMBER($id, useGrouping: 0) }.
viewing-cancelled-topic = ❌ Показ по заявке №{" "}{ NUMBER($id, useGrouping: 0) } отменён, клиенту сообщили.
viewing-held-topic = 👀 Время показа по заявке №{" "}{ NUMBER($id, useGrouping: 0) } ({ $when }) прошло — спросили клиента о впечатлениях.
viewing-press-stale = Эта кнопка уже неактуальна: показ изменился или отменён. Показы заявки: /viewing
viewing-none-open = По заявке №{" "}{ NUMBER($id, useGrouping: 0) } нет открытых показов: клиент просит показ кнопкой «👀 Хочу посмотреть» под отчётом.
viewing-usage = Формат: /viewing #{ NUMBER($id, useGrouping: 0) } 12.12 15:00 — предложить время; /viewing #{ NUMBER($id, useGrouping: 0) } cancel — отменить показ; /viewing — список.
viewing-list = 👀 Показы по заявке №{" "}{ NUMBER($id, useGrouping: 0) }:
    { $lines }
viewing-list-none = показов нет
viewing-list-line = • { $car }: { $kind }, { $when } — { $status }
viewing-status-asked = клиент просит
viewing-status-proposed = предложено клиенту
viewing-status-confirmed = назначен
viewing-status-held = прошёл
viewing-status-cancelled = отменён
viewing-stats = 👀 <b>Показы и тест-драйвы</b> за период: попросили { $asked }, назначено { $confirmed }, прошло { $held }
