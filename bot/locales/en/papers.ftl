## The car on file (/car, issue 23): one record for the deal and the workshop

car-field-make = Make
car-field-model = Model
car-field-year = Year
car-field-vin = VIN
car-field-plate = Plate
car-field-colour = Colour
car-field-odometer = Odometer
car-line = { $field }: { $value }
car-km = { $km } km
card-car = 🚗 <b>Car bought:</b> { $car }, VIN { $vin }
car-recorded = ✅ The car of request #{ NUMBER($id, useGrouping: 0) } is on file as the client's:
    { $car }
    It is now the client's car for workshop bookings, maintenance invitations, /find and the export.
car-shown = 🚗 The car of request #{ NUMBER($id, useGrouping: 0) }:
    { $car }
    To change a field: /car #{ NUMBER($id, useGrouping: 0) } and a line "Field: value".
car-none = Request #{ NUMBER($id, useGrouping: 0) } has no car on file yet. Send the form (VIN, plate and colour can be added later):
    <pre>/car #{ NUMBER($id, useGrouping: 0) }
    { $form }</pre>
car-invalid = The car was not recorded. Correct it and send again:
    { $problems }
    <pre>/car #{ NUMBER($id, useGrouping: 0) }
    { $form }</pre>
car-not-bought = A car is recorded once it is bought, and request #{ NUMBER($id, useGrouping: 0) } is at the stage "{ $stage }". Move it to "{ $paid }" or later first.
car-unknown-line = the line "{ $line }" is not a field of the form (fields: Make, Model, Year, VIN, Plate, Colour, Odometer)
car-missing = the field "{ $field }" is missing
car-vin-length = VIN "{ $vin }": { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, 17 needed
car-vin-characters = VIN "{ $vin }": Latin letters and digits only
car-vin-ioq = VIN "{ $vin }": a VIN never has the letters I, O or Q (digits 1 and 0?)
car-vin-check-digit = VIN "{ $vin }": the check digit (the 9th character) does not match: a typo
car-bad-plate = plate "{ $plate }": letters and digits, 2 to 12 of them
car-bad-year = year "{ $year }": a year from { NUMBER($first, useGrouping: 0) } to { NUMBER($last, useGrouping: 0) }
car-bad-odometer = odometer "{ $km }": a number of kilometres, e.g. 68 000
car-bad-text = "{ $field }": empty or longer than { $limit } characters

## The legal check (/legal, issue 23)

legal-item-liens = Liens
legal-item-restrictions = Registration restrictions
legal-item-wanted = Wanted status
legal-item-owners = Owners in the title
legal-item-accidents = Accident history
legal-item-mileage = Mileage
legal-item-documents = Documents match the car
legal-list = ⚖️ <b>Legal check, request #{ NUMBER($id, useGrouping: 0) }:</b> { $done } of { $total } checked
    { $lines }
    Tick or untick an item with its button. With a note: /legal #{ NUMBER($id, useGrouping: 0) } 3 note (or a photo with that caption); untick: /legal #{ NUMBER($id, useGrouping: 0) } 3 -
legal-note = {" "}— { $note }
legal-none = LEGAL_CHECKS lists no items: nothing to check.
legal-usage = Not understood. Write an item's number from 1 to { $count }: /legal #{ NUMBER($id, useGrouping: 0) } 3 note; untick: /legal #{ NUMBER($id, useGrouping: 0) } 3 -; close the documents without the check: /legal #{ NUMBER($id, useGrouping: 0) } skip reason.
legal-note-too-long = The note is longer than { $limit } characters: shorten it.
legal-nothing-to-skip = Every item is checked: nothing to skip.
legal-skip-needs-reason = Write the reason: /legal #{ NUMBER($id, useGrouping: 0) } skip reason. It is kept with the unchecked items.
legal-skipped = Reason kept: "{ $reason }". The documents stage may be closed with these unchecked: { $items }.
legal-held = The documents stage is not closed: { $items } not checked. Tick them in /legal #{ NUMBER($id, useGrouping: 0) } or give the reason (/legal #{ NUMBER($id, useGrouping: 0) } skip reason), then move to "{ $stage }".
legal-press-stale = This button is out of date. Open the check again: /legal
legal-client = ⚖️ <b>Legal check</b>, what we checked:
    { $lines }
legal-client-item = ✅ { $item }{ $note }
card-legal = ⚖️ <b>Legal check:</b> { $done } of { $total }

## How the client heard of us (LEAD_SOURCES, issue 23)

source-ask = One last question, if you like: how did you hear about us?
source-thanks = Thank you, noted!
source-skipped = All right, skipped.
source-topic = 📣 Request #{ NUMBER($id, useGrouping: 0) }: the client heard of us through { $source }
source-unknown = "{ $typed }" is not among the sources. Write one of: { $names }
source-set = The source of request #{ NUMBER($id, useGrouping: 0) }: { $old } → { $new }
source-none = Not given
card-source = 📣 <b>Heard of us through:</b> { $source }
source-stats = 📣 <b>By source</b> (requests made in the period; deals: how many of them are handed over; NPS: surveys of the period):
    { $lines }
source-line = { $source }: requests: { $requests }, deals: { $deals }
source-conversion = ({ $share } %)
source-nps = NPS { $nps } (answers: { $answered })
source-nps-none = NPS: no answers
