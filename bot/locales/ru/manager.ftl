## The manager's working day: several requests, calls, warnings, search, changes

deal-not-found = У этого клиента нет заявки № { NUMBER($id, useGrouping: 0) }. Посмотрите номера в /status.
deal-needs-number = У клиента несколько открытых заявок ({ $ids }). Повторите /{ $command } с номером заявки в начале, например: /{ $command } #{ NUMBER($first, useGrouping: 0) }
deal-which = У клиента несколько открытых заявок. Для какой выполнить /{ $command }? Нажмите нужную.
# A message to the client about one request, while another is open too
deal-about = 📌 Заявка № { NUMBER($id, useGrouping: 0) }, { $car }
deal-button = #{ NUMBER($id, useGrouping: 0) } { $car } · { $stage }
deal-choice-done = Эта команда уже выполнена. Если нужно ещё раз, отправьте её с номером заявки, например /stage #12 paid.
card-other-request = Ещё открыта: заявка № { NUMBER($id, useGrouping: 0) }, { $car } — { $stage }

call-empty = Напишите, о чём говорили: /call Обсудили два варианта, клиент думает до пятницы. Чтобы итог ушёл и клиенту: /call! …
call-saved = 📞 Звонок записан. Он считается новостями для клиента; найти его можно в /notes и /status.
call-saved-told = 📞 Звонок записан, итог отправлен клиенту.
call-to-client = 📞 Коротко о нашем разговоре: { $summary }
    Если что-то упустили — просто напишите сюда.
notes = <b>Звонки и заметки</b>
    { $entries }
notes-none = Звонков и заметок пока нет. Записать звонок: /call итог разговора; заметку: /note текст.
manager-status = { $text }
status-interval = Новости по заявке № { NUMBER($id, useGrouping: 0) }: не реже чем раз в { $hours } ч (изменить: /every #{ NUMBER($id, useGrouping: 0) } 24h).
status-calls = <b>Звонки:</b>

warn-progress = ⏳ Через { $left } ч клиент будет { $hours } ч без новостей. Напишите ему или позвоните и запишите звонок: /call итог.
warn-reply = ⏳ Через { $left } ч клиент будет ждать ответа { $hours } ч. Ответьте ему, пожалуйста.
escalate-reply = 🚨 { $name } ждёт ответа уже { $hours } ч — обещание нарушено. Тема клиента: { $link }
answer-soon = { $promise ->
        [service] ⏳ Клиент ждёт, что с ним свяжутся о доп. услуге «{ $service }»: через { $left } ч истечёт обещанный срок ({ $hours } ч рабочего времени). Напишите ему в этой теме.
       *[critique] ⏳ Клиент ждёт ответа на критику: через { $left } ч истечёт обещанный срок ({ $hours } ч рабочего времени). Ответьте ему в этой теме.
    }
answer-lapsed = { $promise ->
        [service] ⏰ За { $hours } ч рабочего времени никто не связался с клиентом о доп. услуге «{ $service }» — обещание нарушено. Напишите ему в этой теме.
       *[critique] ⏰ Клиент не получил ответа на критику за { $hours } ч рабочего времени — обещание нарушено. Ответьте ему в этой теме.
    }
answer-lapsed-general = { $promise ->
        [service] 🚨 { $name }: за { $hours } ч рабочего времени никто не связался о доп. услуге «{ $service }» — обещание нарушено. Тема клиента: { $link }
       *[critique] 🚨 { $name }: критика без ответа { $hours } ч рабочего времени — обещание нарушено. Тема клиента: { $link }
    }
general-critique =
    ✍️ Критика клиента { $name }, для { $owners }:
    { $text }
    Тема клиента: { $link }

change-topic = ✏️ Заявка № { NUMBER($id, useGrouping: 0) } изменена. { $field }: { $old } → { $new }. Карточка обновлена.
set-usage = Не получилось понять, что менять («{ $word }»). Напишите поле и новое значение, например: /set #12 budget 2,5 млн. Поля: { $names }.
set-invalid = Не получилось: { $problem } Исправьте значение и отправьте /set ещё раз.
set-tz-done = 🕰 Часовой пояс клиента: { $zone }. Сами пишем ему в часы связи по его времени; карточка обновлена.
set-tz-invalid = Не получилось понять часовой пояс «{ $text }». Напишите название вроде Asia/Novosibirsk или город: /set #12 tz Новосибирск.
every-invalid = Не получилось разобрать интервал. Напишите, например: /every 24h, /every 36ч или /every 2d (от часа до 30 дней). Вернуть обычный: /every off.
every-to-client = 📣 Договорились: новости по заявке будем присылать { $news_promise }.
every-done = Готово: по заявке № { NUMBER($id, useGrouping: 0) } напомню, если клиент { $hours } ч без новостей (предупрежу заранее). Клиенту сообщили.
every-reset = Готово: заявка № { NUMBER($id, useGrouping: 0) } снова на обычном интервале новостей. Клиенту сообщили.

find-usage = Что искать? Напишите телефон, имя, машину, город или номер заявки: /find +7 916 123-45-67
find-none = По запросу «{ $text }» никого не нашлось. Попробуйте часть имени, марку машины или телефон.
find-found = Найдено: { $count }
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
digest-waiting-hours = — ждёт { $hours } ч
digest-group =
    ☀️ <b>Сводка на утро</b>
    Клиенты без ответа: { $unanswered }
topic-elsewhere = ↔️ У клиента есть тема и в группе «{ $group }»: { $link }
group-home = основная

deviation-eta-passed = ⚠️ Заявка № { NUMBER($id, useGrouping: 0) }: дата доставки { $date } прошла, а машина не отмечена как прибывшая. Сообщите клиенту новую дату: /eta #{ NUMBER($id, useGrouping: 0) } ДД.ММ.ГГГГ причина.
deviation-deadline-near = ⚠️ Заявка № { NUMBER($id, useGrouping: 0) }: до срока клиента ({ $date }) неделя или меньше, а поиск ещё идёт. Обсудите с клиентом варианты.
deviation-hard-ran-out = ⚠️ Заявка № { NUMBER($id, useGrouping: 0) }: срок трудного поиска ({ $time }) истёк, а машина ещё не найдена. Расскажите клиенту, как идут дела и сколько ещё ждать: /hard #{ NUMBER($id, useGrouping: 0) } новый срок; причина.
deviation-deadline-passed = ⚠️ Заявка № { NUMBER($id, useGrouping: 0) }: срок клиента ({ $date }) прошёл, а поиск ещё идёт. Позвоните клиенту и договоритесь, как быть дальше.

lead-usage = Кто ведёт клиента? Напишите /lead @username или /lead Имя.
lead-unknown = Не знаю менеджера «{ $name }». Пусть он или она хотя бы раз напишет в этой группе — потом повторите /lead.
lead-done = Готово: клиента ведёт { $name }. В цифрах по менеджерам клиент теперь засчитывается этому менеджеру.
lead-to-client = Здравствуйте! Ваш менеджер — { $name }. Пишите сюда — { $name } ответит.

## The client changes a confirmed request

menu-change = ✏️ Изменить заявку
button-extra-car = 🚗 Ещё одна машина
new-or-change = У вас уже есть открытая заявка. Ищем ещё одну машину или меняем условия текущей заявки?
change-none = Открытых заявок нет — менять пока нечего. Чтобы начать подбор, нажмите «🚗 Новая заявка на подбор».
change-which-request = Какую заявку меняем?
change-which-field = Что хотите изменить? Выберите пункт — дальше спросим новое значение.
change-confirm = Проверьте: { $field } — было { $old }, станет { $new }. Всё верно?
button-change-confirm = ✅ Да, изменить
change-done = Готово, заявка № { NUMBER($id, useGrouping: 0) } изменена. Новые условия уже у менеджера.

## A delay in words, as texts name it after «через», «раз в», «назад» (from the settings)

span = { $unit ->
    [hour] { $n ->
        [1] час
        [one] { $n } час
        [few] { $n } часа
       *[many] { $n } часов
    }
    [week] { $n ->
        [1] неделю
        [2] две недели
        [one] { $n } неделю
        [few] { $n } недели
       *[many] { $n } недель
    }
    [month] { $n ->
        [1] месяц
        [2] пару месяцев
        [one] { $n } месяц
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
}

## Intake: Telegram's button that sends the client's own number

button-share-phone = 📱 Поделиться номером

## One person on every channel (issue 25): the merge offer, /unmerge, /via

people-offer = 🔗 Тот же собственный номер { $phone }, что у клиента { $name } в { $channel }: { $link }
    Один и тот же человек? Объединение оставит одного клиента и одну тему (сообщения и заявки другого перейдут сюда); /unmerge отменит его. Телефоном может пользоваться вся семья: объединяйте, только если это один человек.
people-merge-button = 🔗 Один человек — объединить
people-unmerge-button = ↩️ Разъединить
people-merged = 🔗 Объединено с { $name } ({ $channel }): один клиент, одна история; другая тема закрыта: { $link }
    Ответы идут туда, откуда клиент писал последним (сейчас { $now }); /via telegram, /via whatsapp или /via sms выбирает канал. /unmerge отменит объединение.
people-merged-closed = 🔗 Этот клиент теперь объединён с другой темой: { $link } — пишите там. Тема закрыта.
people-unmerged = ↩️ Разъединено: снова два клиента, у каждого то, что было до объединения. Другая тема: { $link }
people-unmerge-none = Этот клиент ни с кем не объединён: отменять нечего.
people-button-stale = Кнопка устарела: ничего не изменилось.
people-offer-changed = Не объединено: с момента предложения один из клиентов изменился (другой номер, данные удалены или уже объединён с кем-то ещё).
people-via-usage = Напишите /via telegram, /via whatsapp или /via sms; /via auto — снова туда, откуда клиент писал последним.
people-via-now = Ответы идут в { $channel } (/via: { $chosen }). Каналы клиента: { $channels }.
people-via-set = ✅ Теперь ответы идут в { $channel }, откуда бы клиент ни писал. /via auto — снова туда, откуда он писал последним.
people-via-auto = ✅ Ответы снова следуют за клиентом: сейчас { $channel }.
people-via-missing = У клиента нет чата в { $channel }: только { $channels }.
people-via-sms-off = SMS не настроены (TWILIO_SMS_FROM пуст): ответить по SMS нельзя.
people-via-sms-no-number = Номер клиента неизвестен: ответить по SMS нельзя.

## /stats: a figure of the manager's day

stats-calls = Звонков записано (/call)

## A reaction to a report while the client is in another flow

react-noted-busy = Спасибо, отметили ваш ответ по отчёту № { NUMBER($number, useGrouping: 0) }. Давайте закончим начатое — ответьте на вопрос выше; о машине можно будет написать потом.

## /export: the calls file

export-col-call = Звонок №
export-col-summary = О чём говорили
export-col-told-client = Итог отправлен клиенту
export-yes = да
export-caption-calls = 📞 Звонки, записанные за { $period } (/call). Строк: { $rows }

## Bans (issue 26): /ban, /ban!, /unban, /bans

ban-done-shadow = 🚫 Клиент заблокирован тихо: его сообщения больше не попадают в группу, и ему об этом не сообщаем. Снять блокировку — /unban.
ban-done-told = 🚫 Клиент заблокирован, и мы сообщили ему об этом: его сообщения больше не попадают в группу. Снять блокировку — /unban.
ban-already = Этот клиент уже заблокирован ({ $told }). Снять блокировку — /unban.
ban-not-banned = Этот клиент не заблокирован.
ban-lifted = ✅ Блокировка снята: сообщения клиента снова приходят в эту тему.
ban-no-arguments = После /{ $command } ничего писать не нужно: отправьте команду одну в теме клиента.
ban-shadow = тихо
ban-told = с уведомлением
bans-none = Заблокированных нет.
bans-line = № { NUMBER($number, useGrouping: 0) } { $who } — { $how }, заблокировал(а) { $by }, { $days ->
    [0] сегодня
    [one] { $days }{"\u00A0"}день назад
    [few] { $days }{"\u00A0"}дня назад
   *[many] { $days }{"\u00A0"}дней назад
}
bans-list = 🚫 <b>Заблокированные клиенты: { $count }</b>{ $more ->
    [yes] {" "}(показаны последние { $count })
   *[no] {""}
}
    { $lines }
    Снять блокировку — /unban в теме клиента.

## Bans: what the client reads

ban-client-blocked = Вы заблокированы: ваши сообщения больше не доходят до наших менеджеров.
ban-client-unblocked = Блокировка снята: ваши сообщения снова доходят до наших менеджеров.

## Saved replies (issue 26): /reply

reply-none = Сохранённых ответов пока нет. Добавить: /reply add address Мы на ул. Ленина, 12, работаем с 9:00 до 20:00.
reply-list = 💬 <b>Сохранённые ответы: { $count }</b> — отправить клиенту: /reply имя в его теме
    { $lines }
    /reply add имя текст — добавить или заменить; /reply del имя — удалить. Поля: {"{"}name{"}"}, {"{"}car{"}"}, {"{"}city{"}"}, {"{"}phone{"}"}, {"{"}request{"}"}
reply-added = ✅ Ответ «{ $name }» сохранён: /reply { $name } отправит его клиенту.
reply-replaced = ✅ Ответ «{ $name }» заменён.
reply-deleted = 🗑 Ответ «{ $name }» удалён.
reply-not-found = Сохранённого ответа «{ $name }» нет. Список — /reply.
reply-bad-name = Имя ответа — одно слово из латинских букв, цифр, - или _ (до 32 знаков): /reply add address текст
reply-empty = Напишите текст ответа после имени: /reply add { $name } текст
reply-too-long = Сохранённый ответ — не длиннее { $limit }{"\u00A0"}знаков.
reply-too-many = Сохранённых ответов может быть не больше { $limit }: сначала удалите какой-нибудь (/reply del имя).
reply-bracket-line = Строка ответа не может состоять из одного слова в квадратных скобках: с неё начался бы другой ответ.
reply-braces = В ответе непарная скобка { "{" } или { "}" }: поля пишутся так: {"{"}name{"}"}; одиночную скобку пишите дважды.
reply-unknown-field = Неизвестное поле { "{" }{ $field }{ "}" }: есть поля { $fields }.
reply-field-empty = Не отправлено: в карточке клиента ещё нет { $fields }.
reply-sent = 💬 Отправлено клиенту («{ $name }»):
    { $text }
