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
