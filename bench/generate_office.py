#!/usr/bin/env python3
"""Generate a management office's buildings, apartments and ledger as import CSVs.

Writes buildings.csv, apartments.csv and ledger.csv into OUT_DIR. The output is
a pure function of the options: each building draws from its own random stream
seeded with (seed, building number), so building B0001 is the same whether 1
or 300 buildings are generated (for the same --apartments-per-building,
--months and --end).

Standard library only. See bench/README.md ("Data generator").
"""

import argparse
import csv
import datetime
import os
import random
import sys
import time
from dataclasses import dataclass

# --- Tunables ---------------------------------------------------------------

# A building of REFERENCE_APARTMENTS apartments spends this much a month;
# other sizes scale linearly so an apartment's charge stays realistic.
MONTHLY_TOTAL_EUR = (1500, 3500)
REFERENCE_APARTMENTS = 40

POSTING_DAY = 1
DUE_DAY = 10

# Payment behaviour of owners: (profile, probability). Together they make
# debt land in every aging bucket: late payers fill 1-90 days, partial and
# rare payers carry arrears well past 90 days.
PROFILES = (("on_time", 0.72), ("late", 0.14), ("partial", 0.09), ("rarely", 0.05))
PROFILE_NAMES, PROFILE_WEIGHTS = zip(*PROFILES)

# Share of on-time owners' charges that slip by a few weeks anyway.
ON_TIME_SLIP_RATE = 0.03

APARTMENT_LETTERS = "ABCDEF"
MAX_APARTMENTS = 1000  # every apartment needs a general share of at least 1

# --- Names (transliterated Greek, none needs CSV quoting) -------------------

MALE_FIRST = (
    "Georgios", "Ioannis", "Konstantinos", "Dimitrios", "Nikolaos", "Panagiotis",
    "Vasileios", "Christos", "Athanasios", "Michail", "Evangelos", "Spyridon",
    "Antonios", "Anastasios", "Theodoros", "Andreas", "Stavros", "Emmanouil",
)
FEMALE_FIRST = (
    "Maria", "Eleni", "Aikaterini", "Vasiliki", "Sofia", "Angeliki", "Georgia",
    "Dimitra", "Konstantina", "Paraskevi", "Christina", "Anna", "Ioanna",
    "Evangelia", "Theodora", "Despoina", "Kalliopi", "Eirini",
)
# Masculine forms; feminine_surname() derives the feminine ones.
SURNAMES = (
    "Papadopoulos", "Papadakis", "Georgiou", "Nikolaidis", "Karras", "Oikonomou",
    "Vlachos", "Dimitriou", "Konstantinidis", "Papageorgiou", "Makris", "Angelopoulos",
    "Ioannou", "Christodoulou", "Pappas", "Vasileiou", "Antoniou", "Athanasiou",
    "Alexiou", "Mavridis", "Stavropoulos", "Kyriakidis", "Theodorou", "Economou",
    "Panagiotopoulos", "Michailidis", "Samaras", "Petridis", "Lambrou", "Zervas",
)
STREETS = (
    "Akadimias", "Panepistimiou", "Stadiou", "Ermou", "Patision", "Solonos",
    "Vasilissis Sofias", "Kifisias", "Alexandras", "Ippokratous", "Skoufa",
    "Tsimiski", "Egnatia", "Mitropoleos", "Agiou Dimitriou", "Kolokotroni",
    "Mavromichali", "Themistokleous", "Arkadiou", "Korai", "Gounari", "Maizonos",
)
CITIES = (
    ("Athens", 45), ("Piraeus", 10), ("Thessaloniki", 20), ("Patras", 6),
    ("Heraklion", 6), ("Larissa", 4), ("Volos", 4), ("Ioannina", 3), ("Chania", 2),
)
CITY_NAMES, CITY_WEIGHTS = zip(*CITIES)

# --- Data -------------------------------------------------------------------


@dataclass
class Apartment:
    number: str
    floor: int
    owner_name: str
    owner_email: str
    occupant_name: str
    shares: dict  # category -> per-mille int, or None when the building has none


@dataclass
class Building:
    code: str
    name: str
    address: str
    city: str
    apartments: list
    has_heating: bool


@dataclass
class Month:
    period: str  # "YYYY-MM"
    posted: int  # date ordinals, cheap to add days to
    due: int


# --- Helpers ----------------------------------------------------------------


def apportion(total, weights):
    """Split the integer total in proportion to integer weights, exactly.

    Largest-remainder method in integer arithmetic, so parts sum to total and
    the result is identical on every platform. Ties go to the earlier item.
    A zero weight always gets zero.
    """
    weight_sum = sum(weights)
    parts = [total * w // weight_sum for w in weights]
    remainders = [total * w % weight_sum for w in weights]
    short = total - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: -remainders[i])
    for i in by_remainder[:short]:
        parts[i] += 1
    return parts


def euros(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def month_list(end, count):
    """The last `count` months whose posting date is on or before `end`."""
    year, month = end.year, end.month
    if end.day < POSTING_DAY:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months = []
    for _ in range(count):
        posted = datetime.date(year, month, POSTING_DAY)
        due = datetime.date(year, month, DUE_DAY)
        months.append(Month(f"{year:04d}-{month:02d}", posted.toordinal(), due.toordinal()))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    return months


class DateText:
    """Ordinal -> "YYYY-MM-DD", memoised: the same few thousand dates recur."""

    def __init__(self):
        self._cache = {}

    def __call__(self, ordinal):
        text = self._cache.get(ordinal)
        if text is None:
            text = datetime.date.fromordinal(ordinal).isoformat()
            self._cache[ordinal] = text
        return text


def feminine_surname(surname):
    for masculine, feminine in (("os", "ou"), ("is", "i"), ("as", "a")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    return surname  # genitive forms such as Georgiou are shared


def person(rng):
    """A (first name, surname) pair with the surname in the matching gender."""
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        return rng.choice(MALE_FIRST), surname
    return rng.choice(FEMALE_FIRST), feminine_surname(surname)


# --- Buildings and apartments -----------------------------------------------


def make_building(rng, index, apartment_count):
    street = rng.choice(STREETS)
    address = f"{street} {rng.randint(1, 180)}"
    city = rng.choices(CITY_NAMES, CITY_WEIGHTS)[0]
    code = f"B{index:04d}"

    per_floor = rng.randint(2, len(APARTMENT_LETTERS))
    floors = [i // per_floor for i in range(apartment_count)]
    top_floor = floors[-1]
    areas = [rng.randint(45, 140) for _ in floors]  # square metres

    # Older or low-rise buildings often lack an elevator or central heating;
    # their category is then empty for every apartment.
    has_elevator = top_floor > 0 and rng.random() < 0.85
    has_heating = rng.random() < 0.7

    # Every apartment gets at least 1 general share so every charge is positive.
    general = [1 + s for s in apportion(1000 - apartment_count, areas)]
    no_shares = [None] * apartment_count
    elevator = heating = no_shares
    if has_elevator:
        # Ground floor never uses the elevator; higher floors use it more.
        elevator = apportion(1000, [a * (10 + f) if f else 0 for a, f in zip(areas, floors)])
    if has_heating:
        # Ground and top floors lose more heat.
        heating = apportion(1000, [a * (12 if f in (0, top_floor) else 10)
                                   for a, f in zip(areas, floors)])

    apartments = []
    for i, floor in enumerate(floors):
        shares = {"general": general[i], "elevator": elevator[i], "heating": heating[i]}
        number = f"{floor}{APARTMENT_LETTERS[i % per_floor]}"
        apartments.append(make_apartment(rng, code, number, floor, shares))
    return Building(code, address, address, city, apartments, has_heating)


def make_apartment(rng, building_code, number, floor, shares):
    first, surname = person(rng)
    # Building code and apartment number make the address unique in the office.
    email = f"{first}.{surname}.{building_code}-{number}@example.com".lower()
    roll = rng.random()
    if roll < 0.65:
        occupant = f"{first} {surname}"  # owner lives there
    elif roll < 0.93:
        occupant = " ".join(person(rng))  # rented out
    else:
        occupant = ""  # vacant
    return Apartment(number, floor, f"{first} {surname}", email, occupant, shares)


# --- Charges ----------------------------------------------------------------


def monthly_totals(rng, months, apartment_count, has_heating):
    """A building's common expenses per month, in cents."""
    low, high = MONTHLY_TOTAL_EUR
    base = rng.uniform(low, high) * 100 * apartment_count / REFERENCE_APARTMENTS
    totals = []
    for index, month in enumerate(months):
        amount = base * (1 + 0.03 * index / 12)  # prices creep up ~3% a year
        if has_heating and int(month.period[5:]) in (11, 12, 1, 2, 3, 4):
            amount *= rng.uniform(1.15, 1.35)  # heating oil season
        amount *= rng.uniform(0.9, 1.1)
        if rng.random() < 0.03:
            amount += base * rng.uniform(0.2, 0.8)  # a repair or extraordinary levy
        totals.append(int(amount))
    return totals


def building_charges(rng, building, months):
    """charges[apartment index] = list of (Month, cents), split by general share."""
    general = [apt.shares["general"] for apt in building.apartments]
    totals = monthly_totals(rng, months, len(general), building.has_heating)
    charges = [[] for _ in general]
    for month, total in zip(months, totals):
        for per_apartment, cents in zip(charges, apportion(total, general)):
            per_apartment.append((month, cents))
    return charges


# --- Payments ---------------------------------------------------------------
# Each payer yields (date ordinal, cents, description) in date order, except
# where noted; the caller drops anything dated after --end. Payers that track
# what is owed only ever pay what is owed, so no apartment ends in credit.


def pay_on_time(rng, charges):
    for month, cents in charges:
        if rng.random() < ON_TIME_SLIP_RATE:
            date = month.due + rng.randint(5, 45)  # out of date order: fine
        else:
            date = month.posted + rng.randint(0, 14)
        yield date, cents, f"Payment {month.period}"


def pay_late(rng, charges):
    for month, cents in charges:
        yield month.due + rng.randint(30, 100), cents, f"Payment {month.period}"


def pay_partial(rng, charges):
    """Pays a fixed fraction each month in round euros; now and then clears the arrears."""
    fraction = rng.uniform(0.5, 0.9)
    owed = 0
    for month, cents in charges:
        owed += cents
        part = int(cents * fraction) // 100 * 100 or cents
        yield month.posted + rng.randint(0, 14), part, f"Partial payment {month.period}"
        owed -= part
        if owed > 0 and rng.random() < 1 / 12:
            yield month.posted + rng.randint(15, 27), owed, "Arrears settlement"
            owed = 0


def pay_rarely(rng, charges):
    """Chronically behind: an occasional lump on account, never the whole debt."""
    owed = 0
    for month, cents in charges:
        owed += cents
        if rng.random() < 0.2:
            lump = int(owed * rng.uniform(0.3, 0.7)) // 100 * 100
            if lump > 0:
                yield month.posted + rng.randint(0, 27), lump, "Payment on account"
                owed -= lump


PAYERS = {"on_time": pay_on_time, "late": pay_late,
          "partial": pay_partial, "rarely": pay_rarely}


def apartment_ledger(rng, building_code, apartment, charges, end_ordinal, date_text):
    """The ledger rows of one apartment, in date order, charges first on a tie."""
    payer = PAYERS[rng.choices(PROFILE_NAMES, PROFILE_WEIGHTS)[0]]

    entries = [(month.posted, 0, cents, month) for month, cents in charges]
    entries += [(date, 1, cents, description)
                for date, cents, description in payer(rng, charges)
                if date <= end_ordinal]
    entries.sort(key=lambda entry: entry[:2])

    rows = []
    payment_number = 0
    for date, is_payment, cents, detail in entries:
        if is_payment:
            payment_number += 1
            day = date_text(date).replace("-", "")
            rows.append((building_code, apartment.number, date_text(date), "payment",
                         euros(cents), "", detail, f"PAY-{day}-{payment_number}"))
        else:
            rows.append((building_code, apartment.number, date_text(date), "charge",
                         euros(cents), date_text(detail.due),
                         f"Common expenses {detail.period}", f"CHG-{detail.period}"))
    return rows


# --- Output -----------------------------------------------------------------

BUILDING_HEADER = ("building_code", "name", "address", "city", "timezone", "currency")
APARTMENT_HEADER = ("building_code", "apartment_number", "floor", "owner_name",
                    "owner_email", "occupant_name", "shares_general", "shares_elevator",
                    "shares_heating")
LEDGER_HEADER = ("building_code", "apartment_number", "entry_date", "kind", "amount",
                 "due_date", "description", "reference")


def share_text(value):
    return "" if value is None else str(value)


def open_csv(out_dir, name, header):
    # Large buffer: the ledger is ~80 MB at the default size.
    handle = open(os.path.join(out_dir, name), "w", newline="", encoding="utf-8",
                  buffering=1 << 20)
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(header)
    return handle, writer


def generate(args):
    end = args.end
    months = month_list(end, args.months)
    end_ordinal = end.toordinal()
    date_text = DateText()
    counts = {"buildings": 0, "apartments": 0, "charges": 0, "payments": 0}

    os.makedirs(args.out_dir, exist_ok=True)
    files = [open_csv(args.out_dir, "buildings.csv", BUILDING_HEADER),
             open_csv(args.out_dir, "apartments.csv", APARTMENT_HEADER),
             open_csv(args.out_dir, "ledger.csv", LEDGER_HEADER)]
    (_, buildings_out), (_, apartments_out), (_, ledger_out) = files
    try:
        for index in range(1, args.buildings + 1):
            # Own stream per building: output does not depend on --buildings.
            rng = random.Random(f"{args.seed}:{index}")
            building = make_building(rng, index, args.apartments_per_building)
            buildings_out.writerow((building.code, building.name, building.address,
                                    building.city, "Europe/Athens", "EUR"))
            counts["buildings"] += 1

            charges = building_charges(rng, building, months)
            for apartment, apartment_charges in zip(building.apartments, charges):
                shares = apartment.shares
                apartments_out.writerow((
                    building.code, apartment.number, apartment.floor,
                    apartment.owner_name, apartment.owner_email, apartment.occupant_name,
                    share_text(shares["general"]), share_text(shares["elevator"]),
                    share_text(shares["heating"])))
                rows = apartment_ledger(rng, building.code, apartment, apartment_charges,
                                        end_ordinal, date_text)
                ledger_out.writerows(rows)
                counts["apartments"] += 1
                counts["charges"] += len(apartment_charges)
                counts["payments"] += len(rows) - len(apartment_charges)
    finally:
        for handle, _ in files:
            handle.close()
    return counts


# --- Command line -----------------------------------------------------------


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def apartment_count(text):
    value = positive_int(text)
    if value > MAX_APARTMENTS:
        raise argparse.ArgumentTypeError(
            f"at most {MAX_APARTMENTS} (each apartment needs a general share of 1 per mille)")
    return value


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Generate a management office's data (buildings, apartments, "
                    "ledger) in the CSV import format.")
    parser.add_argument("out_dir", metavar="OUT_DIR",
                        help="directory for the CSV files (created if missing)")
    parser.add_argument("--buildings", type=positive_int, default=300,
                        help="number of buildings (default: %(default)s)")
    parser.add_argument("--apartments-per-building", type=apartment_count, default=40,
                        help="apartments in each building (default: %(default)s)")
    parser.add_argument("--months", type=positive_int, default=60,
                        help="months of charges, ending with the month posted on or "
                             "before --end (default: %(default)s)")
    parser.add_argument("--end", type=iso_date, default=datetime.date(2025, 12, 5),
                        help="last date in the ledger (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    counts = generate(args)
    seconds = time.perf_counter() - started
    ledger_rows = counts["charges"] + counts["payments"]
    print(f"{args.out_dir}: {counts['buildings']} buildings, {counts['apartments']} "
          f"apartments, {ledger_rows} ledger rows ({counts['charges']} charges, "
          f"{counts['payments']} payments) in {seconds:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
