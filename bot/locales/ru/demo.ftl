# The demo (python -m bot demo): its people, its settings in words, and the page.

demo-person-first = Иван
demo-person-second = Елена
demo-person-third = Мария
demo-person-manager = Ольга
demo-group-title = Менеджеры CarCare
demo-extra-services = Постановка на учёт в ГИБДД;Страховка ОСАГО и КАСКО;Детейлинг и полировка
demo-service-kinds = ТО:2h;Диагностика:1h;Ремонт:3h;Шиномонтаж:1h;Другое:1h
demo-workshop-address = Москва, ул. Автомобильная, 1

demo-page-title = CarCare — демо
demo-page-lead = Настоящий бот: слева телефон клиента, справа группа менеджеров. Telegram и WhatsApp здесь — двойники, работающие внутри процесса.
demo-client-pane = Телефон клиента
demo-group-pane = Группа менеджеров
demo-general = Общая (General)
demo-start = Запустить бота
demo-placeholder = Сообщение
demo-send = Отправить
demo-attach = Прикрепить
demo-samples = Фото автомобилей
demo-upload = Файл с компьютера…
demo-reply = Ответить
demo-replying = Ответ на:
demo-cancel = Отмена
demo-clock = Время демо
demo-plus-hour = +1 час
demo-plus-day = +1 день
demo-plus-week = +1 неделя
demo-clock-moving = время идёт…
demo-pinned = Закреплено
demo-topic-created = Тема создана: { $name }
demo-topic-renamed = Тема переименована: { $name }
demo-no-topics = Темы клиентов появятся здесь после первой заявки.
demo-writing-as = Вы пишете как { $name }, менеджер
demo-online = бот
demo-whatsapp-hint = WhatsApp показывает варианты цифрами: ответьте цифрой.
demo-edited = изменено
demo-album = Альбом: { $count } фото
demo-tour = Экскурсия
demo-tour-do = Показать этот шаг
demo-tour-next = Дальше
demo-tour-back = Назад
demo-tour-close = Закрыть
demo-tour-running = Выполняется…
demo-tour-of = Шаг { $n } из { $total }
demo-tour-promise-label = Что обещает регламент
demo-tour-intro = Экскурсия проводит по регламенту фирмы: каждый шаг можно сделать самому на странице или нажать «Показать этот шаг».
demo-failed = Не получилось: { $reason }

demo-tour-no-button = нужной кнопки нет: сделайте предыдущие шаги экскурсии
demo-tour-no-topic = у клиента ещё нет темы: начните экскурсию с первого шага

demo-tour-intake = Новый клиент оставляет заявку
demo-tour-intake-promise = При первом обращении — рассказать весь процесс, этапы и сроки; показать личную заинтересованность. Менеджеры сразу получают тему клиента с закреплённой карточкой заявки.
demo-tour-answer = Первый ответ менеджера
demo-tour-answer-promise = Клиент не ждёт: всё, что менеджер пишет в теме клиента, сразу уходит клиенту, а ответы клиента — в тему. Время первого ответа попадает в статистику.
demo-tour-report = Отчёт об осмотре с фотографиями
demo-tour-report-promise = Объяснить каждую найденную машину: все плюсы и минусы, отчёт об осмотре. Альбом фото с отчётом в подписи уходит клиенту вместе с карточкой и кнопками.
demo-tour-interested = Клиент: «Интересно»
demo-tour-interested-promise = Впечатление клиента сохраняется вместе с этой машиной; менеджер видит его в теме, заявка переходит к осмотру и торгу.
demo-tour-news = Новости по сделке
demo-tour-news-promise = Держать клиента в курсе сделки и доставки не реже раза в два дня; надёжная дата доставки, любое её изменение — сразу и с причиной.
demo-tour-handover = Передача автомобиля
demo-tour-handover-promise = При передаче — рассказать об автомобиле, обсудить недостатки, предложить доп. услуги (постановка на учёт): клиент выбирает одним нажатием.
demo-tour-survey = +1 неделя: опрос
demo-tour-survey-promise = Через неделю после передачи спросить об удовлетворённости результатом и процессом: восемь оценок, NPS и комментарий. Низкая оценка сразу поднимает тревогу у менеджеров.
demo-tour-review = Просьба об отзыве
demo-tour-review-promise = Попросить письменный отзыв; если клиент не ответил — одно напоминание.
demo-tour-booking = Сервис: запись на визит
demo-tour-booking-promise = Запись в свободное окно; накануне — напоминание с кнопками «подтвердить / перенести / отменить».
demo-tour-order = Заказ-наряд: согласование по строкам
demo-tour-order-promise = Объяснить работы и сроки; без согласия клиента не делать ничего. Каждое нажатие — запись согласия.
demo-tour-bill = Счёт
demo-tour-bill-promise = Проверка перед выдачей, надёжные сроки и детальный счёт: только согласованные работы, PDF в чате.
demo-tour-check = +5 дней: контрольный звонок
demo-tour-check-promise = Связаться с клиентом в течение 5 дней после визита: всё ли в порядке с машиной.

demo-tour-say-answers = Иван Петров|Toyota RAV4|2018-2021|1 500 000|полный привод, автомат|серьёзные ДТП|Москва|до конца января|12.03.1985
demo-tour-say-answer = Иван, добрый день! Я Ольга, веду вашу заявку. Уже смотрю RAV4 в Москве — первые варианты пришлю завтра.
demo-tour-say-report =
    /report Toyota RAV4, 2019
    Цена: 1 450 000 ₽
    Пробег: 68 000 км
    Владельцев: 1
    + один владелец
    + полная сервисная история
    - скол на лобовом стекле
    - перекрашено левое крыло
    Вердикт: рекомендую
demo-tour-say-stage_note = продавец готов снизить цену
demo-tour-say-eta_reason = машина едет автовозом из Казани
demo-tour-say-handover_note = летняя резина в багажнике
demo-tour-say-comment = Всё отлично, спасибо Ольге!
demo-tour-say-review = Нашли машину за две недели, всё объясняли, каждый день были новости. Рекомендую!
demo-tour-say-booking_note = плановое ТО
demo-tour-say-order =
    /order ТО-1, Toyota RAV4 2019
    Замена масла и фильтра | 3 500
    Колодки передние | 6 200
    Готово: 18:00
    Доп. работы: спросить
demo-tour-say-advice = через 10 000 км — замена задних колодок
demo-tour-say-qc = /qc все
