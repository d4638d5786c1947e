"""The cars clients own (table `cars`, migration 0037): one row per car, linked to the client
and to the deal it was bought in. Both the deal's side and the workshop read it (docs/cars.md)."""

from __future__ import annotations

from datetime import datetime

from domain.cars import Car, plate_key
from storage.db import Row, Tx, from_db, to_db

# What a manager may set with /car, and its column.
FIELDS = ("make", "model", "year", "vin", "plate", "colour", "odometer")


def _car(row: Row) -> Car:
    created, updated = from_db(row["created_at"]), from_db(row["updated_at"])
    assert created is not None and updated is not None  # NOT NULL
    return Car(row["id"], row["client_id"], row["request_id"], row["make"], row["model"],
               row["year"], row["vin"], row["plate"], row["colour"], row["odometer"],
               from_db(row["handed_over_at"]), row["recorded_by"], created, updated)


async def of_request(tx: Tx, request_id: int) -> Car | None:
    row = await tx.one("SELECT * FROM cars WHERE request_id = ?", (request_id,))
    return _car(row) if row else None


async def latest(tx: Tx, client_id: int) -> Car | None:
    """The client's car: the one recorded last (a client who bought twice drives the newer)."""
    row = await tx.one("SELECT * FROM cars WHERE client_id = ? ORDER BY id DESC LIMIT 1",
                       (client_id,))
    return _car(row) if row else None


async def record(tx: Tx, client_id: int, request_id: int, values: dict[str, object],
                 handed_over_at: datetime | None, manager_id: int, now: datetime) -> Car:
    """Record the deal's car, or change the given fields of the one recorded (names from FIELDS)."""
    assert all(name in FIELDS for name in values), values
    row = {name: values.get(name) for name in FIELDS}
    if "plate" in values:
        row["plate_key"] = plate_key(str(values["plate"])) if values["plate"] else None
    names = list(row) if await of_request(tx, request_id) is None else [
        *values, *(("plate_key",) if "plate" in values else ())]
    params = {**row, "client": client_id, "request": request_id, "by": manager_id,
              "handed": to_db(handed_over_at) if handed_over_at else None, "now": to_db(now)}
    updates = ", ".join(f"{name} = excluded.{name}" for name in names)
    await tx.execute(
        "INSERT INTO cars (client_id, request_id, make, model, year, vin, plate, plate_key,"
        " colour, odometer, handed_over_at, recorded_by, created_at, updated_at) VALUES"
        " (:client, :request, :make, :model, :year, :vin, :plate, :plate_key, :colour, :odometer,"
        " :handed, :by, :now, :now) ON CONFLICT (request_id) DO UPDATE SET"
        f" {updates}, recorded_by = excluded.recorded_by, updated_at = excluded.updated_at,"
        " handed_over_at = COALESCE(cars.handed_over_at, excluded.handed_over_at)",
        {**params, "plate_key": row.get("plate_key")},
    )
    car = await of_request(tx, request_id)
    assert car is not None
    return car


async def raise_odometer(tx: Tx, client_id: int, km: int, now: datetime) -> bool:
    """A reading the workshop took (the reception act): the client's car on file (the newest)
    reads it if it is higher. The reading at handover stays one of the readings (ws_readings)."""
    car = await latest(tx, client_id)
    if car is None or (car.odometer is not None and car.odometer >= km):
        return False
    await tx.execute(
        "INSERT INTO ws_readings (client_id, km, at) SELECT client_id, odometer, handed_over_at"
        " FROM cars WHERE id = ? AND odometer IS NOT NULL AND handed_over_at IS NOT NULL"
        " AND odometer_at IS NULL", (car.id,),
    )
    await tx.execute("UPDATE cars SET odometer = ?, odometer_at = ?, updated_at = ? WHERE id = ?",
                     (km, to_db(now), to_db(now), car.id))
    return True


async def handed_over(tx: Tx, request_id: int, at: datetime) -> None:
    """The deal was handed over after its car was recorded: maintenance counts from now."""
    await tx.execute("UPDATE cars SET handed_over_at = ? WHERE request_id = ?",
                     (to_db(at), request_id))
