## The manager's working day: several requests, calls, warnings, search, changes

deal-not-found = У этого клиента нет заявки №{ $id }. Посмотрите номера в /status.
deal-needs-number = У клиента несколько открытых заявок ({ $ids }). Повторите /{ $command } с номером заявки в начале, например: /{ $command } #{ $first }
deal-which = У клиента несколько открытых заявок. Для какой выполнить /{ $command }? Нажмите нужную.
deal-button = #{ $id } { $car } · { $stage }
deal-choice-done = Эта команда уже выполнена. Если нужно ещё раз, отправьте её с номером заявки, например /stage #12 paid.
card-other-request = Ещё открыта: заявка №{ $id }, { $car } — { $stage }

call-empty = Напишите, о чём говорили: /call Обсудили два варианта, клиент думает до пятницы. Чтобы итог ушёл и клиенту: /call! …
call-saved = 📞 Звонок записан. Он считается новостями для клиента; найти его можно в /notes и /status.
call-saved-told = 📞 Звонок записан, итог отправлен клиенту.
call-to-client = 📞 Коротко о нашем разговоре: { $summary }
    Если что-то упустили — просто напишите сюда.
notes = <b>Звонки и заметки</b>
    { $entries }
notes-none = Звонков и заметок пока нет. Записать звонок: /call итог разговора; заметку: /note текст.
manager-status = { $text }
status-interval = Новости по заявке №{ $id }: не реже чем раз в { $hours } ч (изменить: /every #{ $id } 24h).
status-calls = <b>Звонки:</b>

warn-progress = ⏳ Через { $left } ч клиент будет { $hours } ч без новостей. Напишите ему или позвоните и запишите звонок: /call итог.
warn-reply = ⏳ Через { $left } ч клиент будет ждать ответа { $hours } ч. Ответьте ему, пожалуйста.
escalate-reply = 🚨 { $name } ждёт ответа уже { $hours } ч — обещание нарушено. Тема клиента: { $link }

change-topic = ✏️ Заявка №{ $id } изменена. { $field }: { $old } → { $new }. Карточка обновлена.
set-usage = Не понял, что менять («{ $word }»). Напишите поле и новое значение, например: /set #12 budget 2.5 млн. Поля: { $names }.
set-invalid = Не получилось: { $problem } Исправьте значение и отправьте /set ещё раз.
every-invalid = Не понял интервал. Напишите, например: /every 24h, /every 36ч или /every 2d (от часа до 30 дней). Вернуть обычный: /every off.
every-done = Готово: по заявке №{ $id } напомню, если клиент { $hours } ч без новостей (предупрежу заранее).
every-reset = Готово: заявка №{ $id } снова на обычном интервале новостей.

find-usage = Что искать? Напишите телефон, имя, машину, город или номер заявки: /find +7 916 123-45-67
find-none = По запросу «{ $text }» никого не нашёл. Попробуйте часть имени, марку машины или телефон.
find-found = Нашёл: { $count }
    { $lines }
open-none = Открытых заявок нет. Новые появятся здесь, когда клиент оформит заявку.
open-list = <b>Открытые заявки: { $count }</b> (сначала те, где новостей не было дольше всего)

    { $stages }
open-days = { $days ->
    [0] новости сегодня
    [one] { $days } день без новостей
    [few] { $days } дня без новостей
   *[many] { $days } дней без новостей
}
digest-overdue-list = <b>Без новостей дольше обещанного:</b>
    { $lines }
digest-waiting-list = <b>Ждут ответа:</b>
    { $lines }
digest-waiting-hours = — ждёт { $hours } ч

deviation-eta-passed = ⚠️ Заявка №{ $id }: дата доставки { $date } прошла, а машина не отмечена как прибывшая. Сообщите клиенту новую дату: /eta #{ $id } ДД.ММ.ГГГГ причина.
deviation-deadline-near = ⚠️ Заявка №{ $id }: до срока клиента ({ $date }) неделя или меньше, а поиск ещё идёт. Обсудите с клиентом варианты.
deviation-hard-ran-out = ⚠️ Заявка №{ $id }: срок трудного поиска ({ $time }) истёк, а машина ещё не найдена. Расскажите клиенту, как идут дела и сколько ещё ждать: /hard #{ $id } новый срок; причина.
deviation-deadline-passed = ⚠️ Заявка №{ $id }: срок клиента ({ $date }) прошёл, а поиск ещё идёт. Позвоните клиенту и договоритесь, как быть дальше.

lead-usage = Кто ведёт клиента? Напишите /lead @username или /lead Имя.
lead-unknown = Не знаю менеджера «{ $name }». Пусть он или она хотя бы раз напишет в этой группе — потом повторите /lead.
lead-done = Готово: клиента ведёт { $name }. В цифрах по менеджерам клиент теперь засчитывается этому менеджеру.
lead-to-client = Здравствуйте! Ваш менеджер — { $name }. Пишите сюда в любое время: { $name } на связи.

## The client changes a confirmed request

menu-change = ✏️ Изменить заявку
button-extra-car = 🚗 Ещё одна машина
new-or-change = У вас уже есть открытая заявка. Ищем ещё одну машину или меняем условия текущей заявки?
change-none = Открытых заявок нет, менять пока нечего. Чтобы начать подбор, нажмите «Новая заявка».
change-which-request = Какую заявку меняем?
change-which-field = Что хотите изменить? Выберите пункт — дальше спрошу новое значение.
change-confirm = Проверьте: { $field } — было { $old }, станет { $new }. Всё верно?
button-change-confirm = ✅ Да, изменить
change-done = Готово, заявка №{ $id } изменена. Менеджер уже видит новые условия.

## A delay in words, as texts name it after «через», «раз в», «назад» (from the settings)

span = { $unit ->
    [hour] { $n ->
        [one] { $n } час
        [few] { $n } часа
       *[many] { $n } часов
    }
    [week] { $n ->
        [1] неделю
        [2] две недели
        [few] { $n } недели
       *[many] { $n } недель
    }
    [month] { $n ->
        [1] месяц
        [2] пару месяцев
        [few] { $n } месяца
       *[many] { $n } месяцев
    }
   *[day] { $n ->
        [1] день
        [2] два дня
        [one] { $n } день
        [few] { $n } дня
       *[many] { $n } дней
    }
}

## Intake: Telegram's button that sends the client's own number

button-share-phone = 📱 Поделиться номером

## /stats: a figure of the manager's day

stats-calls = Звонков записано (/call)

## A reaction to a report while the client is in another flow

react-noted-busy = Спасибо, отметили ваш ответ по отчёту №{ $number }. Давайте закончим начатое — ответьте на вопрос выше; о машине можно будет написать потом.

## /export: the calls file

export-col-call = Звонок №
export-col-summary = О чём говорили
export-col-told-client = Итог отправлен клиенту
export-yes = да
export-caption-calls = 📞 Звонки, записанные за { $period } (/call). Строк: { $rows }
