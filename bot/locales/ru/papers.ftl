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
