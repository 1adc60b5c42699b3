"""The catalogue: the entities the extractor can recognise, as reference data.

Curated entries are JSON Lines files in ``data/catalogue/`` (one entity a line),
checked on load: every malformed line is reported at once with its file and line
number. States are generated from CLDR territory names (Babel) and ISO 3166
(pycountry): the 193 UN member states and the two observer states listed in
``un_members.txt`` are states, every other ISO 3166 territory is a place. The
curated ``states.jsonl`` adds UN official names and the short forms documents
use. Traditional Chinese labels come from CLDR for states and from OpenCC
conversion of the Simplified labels for everything else.

Entry format::

    {"key": "org/iaea",
     "labels": {"en": "International Atomic Energy Agency", "zh-Hans": "国际原子能机构"},
     "aliases": {"en": ["IAEA"], "zh-Hans": ["原子能机构",
                 {"text": "特别活动", "requires": ["org/iaea"], "within": 8}]},
     "ids": {"wikidata": "Q..."},
     "facts": {"year": 2006, "venue": "place/rabat"}}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import DataError
from .model import Alias, Entity, EntityType
from .resources import catalogue_dir

__all__ = [
    "Catalogue",
    "load_catalogue",
    "resolution_entity",
    "is_decision_key",
    "LANGS",
    "UN_LANGS",
]

#: Languages every catalogue entity is labelled in.
LANGS: tuple[str, ...] = ("en", "zh-Hans", "zh-Hant")
#: The six official languages of the United Nations (states carry labels in all).
UN_LANGS: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh-Hans")

_KEY_RE = {
    EntityType.STATE: re.compile(r"state/[A-Z]{3}"),
    EntityType.RESOLUTION: re.compile(
        r"resolution/(unsc-\d+|unsc-prst-\d{4}-\d+|unga-\d+-\d+|iaea-gov-\d{4}-\d+|iaea-gc-\d+-\d+)"
    ),
}
_GENERIC_KEY = re.compile(r"[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*")
_FIELDS = frozenset({"key", "labels", "aliases", "ids", "facts"})
_CLDR_LOCALES = {
    "en": "en",
    "zh-Hans": "zh",
    "zh-Hant": "zh_Hant",
    "fr": "fr",
    "es": "es",
    "ru": "ru",
    "ar": "ar",
}


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Every entity the extractor knows, by key, and the phrases that block matches."""

    entities: tuple[Entity, ...]
    stop_phrases: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {e.key: e for e in self.entities})

    def get(self, key: str) -> Entity | None:
        """The entity with ``key``, or ``None``."""
        by_key: dict[str, Entity] = self._by_key  # type: ignore[attr-defined]
        return by_key.get(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def of_type(self, etype: EntityType) -> Iterator[Entity]:
        """The entities of one type, in key order."""
        return (e for e in self.entities if e.type is etype)


@cache
def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load, check and complete the catalogue in ``directory`` (default: the bundled one).

    Raises :class:`DataError` listing every malformed line, a duplicate key, or a
    fact that points at a key the catalogue does not hold.
    """
    directory = directory or catalogue_dir()
    errors: list[DataError] = []
    curated: dict[str, Entity] = {}
    state_overlay: dict[str, Entity] = {}
    for path in sorted(directory.glob("*.jsonl")):
        for entity in _read_jsonl(path, errors):
            target = state_overlay if path.name == "states.jsonl" else curated
            if entity.key in target or entity.key in curated:
                errors.append(DataError(path, 0, f"key {entity.key!r} is defined twice"))
            target[entity.key] = entity
    members = _read_members(directory / "un_members.txt", errors)
    if errors:
        raise _combined(errors)
    generated = _iso_entities(members, state_overlay)
    unknown = set(state_overlay) - {e.key for e in generated}
    if unknown:
        raise DataError(
            directory / "states.jsonl",
            0,
            f"no UN member or observer state has key {sorted(unknown)[0]!r}",
        )
    entities = {e.key: e for e in generated}
    for key, entity in curated.items():
        if key in entities:
            raise DataError(directory, 0, f"key {key!r} clashes with a generated ISO entity")
        if entity.type is EntityType.RESOLUTION:
            try:
                entities[key] = resolution_entity(key, entity.facts)
            except ValueError as exc:
                raise DataError(directory, 0, str(exc)) from None
        else:
            entities[key] = _complete(entity)
    _check_references(entities, directory)
    stops = _read_stop_phrases(directory / "stop_phrases.txt")
    return Catalogue(
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)), stop_phrases=stops
    )


_DECISION_KEY = re.compile(
    r"^resolution/(?:(unsc)-(\d+)|(unsc-prst)-(\d{4})-(\d+)|(unga)-(\d+)-(\d+)"
    r"|(iaea-gov)-(\d{4})-(\d+)|(iaea-gc)-(\d+)-(\d+))$"
)


@dataclass(frozen=True)
class _DecisionForm:
    """How a two-number decision key reads: its symbol and labels (``{0}`` the year
    or session, ``{1}`` the number, ``{symbol}`` the symbol) and who adopts it."""

    symbol: str
    en: str
    zh: str
    body: str
    un: bool
    first_is_year: bool


_DECISION_FORMS = {
    "unsc-prst": _DecisionForm(
        "S/PRST/{0}/{1}",
        "Statement by the President of the Security Council {symbol}",
        "安全理事会主席声明{symbol}",
        "org/unsc",
        un=True,
        first_is_year=True,
    ),
    "unga": _DecisionForm(
        "A/RES/{0}/{1}",
        "General Assembly resolution {0}/{1}",
        "大会第{0}/{1}号决议",
        "org/unga",
        un=True,
        first_is_year=False,
    ),
    "iaea-gov": _DecisionForm(
        "GOV/{0}/{1}",
        "IAEA Board of Governors resolution {symbol}",
        "国际原子能机构理事会决议{symbol}",
        "org/iaea-board",
        un=False,
        first_is_year=True,
    ),
    "iaea-gc": _DecisionForm(
        "GC({0})/RES/{1}",
        "IAEA General Conference resolution {symbol}",
        "国际原子能机构大会决议{symbol}",
        "org/iaea",
        un=False,
        first_is_year=False,
    ),
}


def is_decision_key(key: str) -> bool:
    """Whether ``key`` has the form of a decision key (see :func:`resolution_entity`)."""
    return _DECISION_KEY.match(key) is not None


def _decision_parts(key: str) -> tuple[str, tuple[int, ...]]:
    found = _DECISION_KEY.match(key)
    if found is None:
        raise ValueError(
            f"resolution key {key!r} is not one of unsc-N, unsc-prst-YYYY-N, unga-S-N, "
            "iaea-gov-YYYY-N, iaea-gc-S-N"
        )
    groups = [g for g in found.groups() if g is not None]
    return groups[0], tuple(int(g) for g in groups[1:])


def decision_body(key: str) -> str | None:
    """The key of the body that adopts the decision ``key`` (``org/unsc`` for
    ``resolution/unsc-1540`` and ``resolution/unsc-prst-2006-15``, ``org/unga`` for
    ``resolution/unga-50-9``, …), or ``None`` when ``key`` is no decision key."""
    if not is_decision_key(key):
        return None
    body, _ = _decision_parts(key)
    return "org/unsc" if body == "unsc" else _DECISION_FORMS[body].body


def resolution_entity(key: str, facts: Iterable[tuple[str, str | int]] = ()) -> Entity:
    """The entity for a decision key, with labels, symbol and adopting body made from it.

    ``key`` is one of ``resolution/unsc-1540`` (Security Council resolution;
    labels ``Security Council resolution 1540 (2004)``, ``安全理事会第1540(2004)号决议``
    with the year where ``facts`` give it, symbol ``S/RES/1540 (2004)``),
    ``resolution/unsc-prst-2006-15`` (S/PRST/2006/15), ``resolution/unga-50-9``
    (A/RES/50/9), ``resolution/iaea-gov-2006-14`` (GOV/2006/14) or
    ``resolution/iaea-gc-51-11`` (GC(51)/RES/11). ``facts`` are kept; the number
    (Security Council), year (where the symbol has one) and ``adoptedBy`` are
    added. Raises ``ValueError`` for any other key.
    """
    body, numbers = _decision_parts(key)
    fact_map = dict(facts)
    ids: list[tuple[str, str]] = []
    if body == "unsc":
        (number,) = numbers
        year = fact_map.get("year")
        suffix_en = f" ({year})" if year else ""
        suffix_zh = f"({year})" if year else ""
        labels = {
            "en": f"Security Council resolution {number}{suffix_en}",
            "zh-Hans": f"安全理事会第{number}{suffix_zh}号决议",
        }
        ids.append(("un-symbol", f"S/RES/{number}{suffix_en}"))
        fact_map["number"] = number
        fact_map.setdefault("adoptedBy", "org/unsc")
    else:
        form = _DECISION_FORMS[body]
        first, number = numbers
        symbol = form.symbol.format(first, number)
        labels = {
            "en": form.en.format(first, number, symbol=symbol),
            "zh-Hans": form.zh.format(first, number, symbol=symbol),
        }
        if form.un:
            ids.append(("un-symbol", symbol))
        if form.first_is_year:
            fact_map.setdefault("year", first)
        fact_map.setdefault("adoptedBy", form.body)
    # No aliases: decisions are found by pattern (patterns.py), in lists too.
    entity = Entity(
        key=key,
        type=EntityType.RESOLUTION,
        labels=tuple(labels.items()),
        aliases=(),
        ids=tuple(ids),
        facts=tuple(sorted(fact_map.items())),
    )
    return _complete(entity)


# -- reading ---------------------------------------------------------------------------


def _read_jsonl(path: Path, errors: list[DataError]) -> Iterator[Entity]:
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
            yield _entity(record)
        except json.JSONDecodeError as exc:
            errors.append(DataError(path, lineno, f"not valid JSON ({exc.msg})"))
        except ValueError as exc:
            errors.append(DataError(path, lineno, str(exc)))


def _entity(record: Any) -> Entity:
    if not isinstance(record, dict):
        raise ValueError("an entry must be a JSON object")
    extra = set(record) - _FIELDS
    if extra:
        raise ValueError(
            f"unknown field {sorted(extra)[0]!r} (allowed: {', '.join(sorted(_FIELDS))})"
        )
    key = record.get("key")
    if not isinstance(key, str):
        raise ValueError("'key' is missing or not a string")
    etype = _type_of(key)
    labels = record.get("labels", {})
    if not isinstance(labels, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in labels.items()
    ):
        raise ValueError("'labels' must map language tags to non-empty strings")
    if etype not in (EntityType.STATE, EntityType.RESOLUTION):
        missing = [lang for lang in ("en", "zh-Hans") if lang not in labels]
        if missing:
            raise ValueError(f"{key}: 'labels' lacks {missing[0]!r}")
    aliases = tuple(_aliases(record.get("aliases", {}), key))
    ids = record.get("ids", {})
    if not isinstance(ids, dict) or not all(isinstance(v, str) for v in ids.values()):
        raise ValueError("'ids' must map schemes to strings")
    facts = record.get("facts", {})
    if not isinstance(facts, dict) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in facts.values()
    ):
        raise ValueError("'facts' must map names to strings or integers")
    return Entity(
        key=key,
        type=etype,
        labels=tuple(sorted(labels.items())),
        aliases=aliases,
        ids=tuple(sorted(ids.items())),
        facts=tuple(sorted(facts.items())),
    )


def _type_of(key: str) -> EntityType:
    prefix = key.split("/", 1)[0]
    try:
        etype = EntityType(prefix)
    except ValueError:
        kinds = ", ".join(t.value for t in EntityType)
        raise ValueError(f"key {key!r} does not start with a known type ({kinds})") from None
    pattern = _KEY_RE.get(etype, _GENERIC_KEY)
    if not pattern.fullmatch(key):
        raise ValueError(f"key {key!r} does not follow the key rule for {etype.value}")
    return etype


def _aliases(raw: Any, key: str) -> Iterator[Alias]:
    if not isinstance(raw, dict):
        raise ValueError("'aliases' must map language tags to lists")
    for lang, items in sorted(raw.items()):
        if not isinstance(items, list):
            raise ValueError(f"aliases for {lang!r} must be a list")
        for item in items:
            if isinstance(item, str) and item.strip():
                yield Alias(item, lang)
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                requires = item.get("requires", [])
                within = item.get("within")
                if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
                    raise ValueError(f"alias {item['text']!r}: 'requires' must be a list of keys")
                if within is not None and (not isinstance(within, int) or within < 0):
                    raise ValueError(f"alias {item['text']!r}: 'within' must be a whole number")
                yield Alias(item["text"], lang, tuple(requires), within)
            else:
                raise ValueError(
                    f"{key}: an alias must be a non-empty string or an object with 'text'"
                )


def _read_members(path: Path, errors: list[DataError]) -> tuple[str, ...]:
    codes: list[str] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#"):
            continue
        for code in line.split():
            if not re.fullmatch(r"[A-Z]{3}", code):
                errors.append(DataError(path, lineno, f"{code!r} is not an ISO alpha-3 code"))
            codes.append(code)
    return tuple(codes)


def _read_stop_phrases(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(sorted({s.strip() for s in lines if s.strip() and not s.startswith("#")}))


def _combined(errors: list[DataError]) -> DataError:
    if len(errors) == 1:
        return errors[0]
    lines = "\n".join(str(e) for e in errors)
    return DataError(errors[0].path, errors[0].line, f"{len(errors)} problems:\n{lines}")


# -- generated states and territories ---------------------------------------------------


def _iso_entities(members: tuple[str, ...], overlay: dict[str, Entity]) -> list[Entity]:
    import pycountry
    from babel import Locale

    locales = {tag: Locale.parse(code) for tag, code in _CLDR_LOCALES.items()}
    member_set = set(members)
    out: list[Entity] = []
    for country in pycountry.countries:
        alpha3: str = country.alpha_3
        names = {tag: loc.territories.get(country.alpha_2) for tag, loc in locales.items()}
        labels = {tag: name for tag, name in names.items() if name}
        iso_names = {
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
            country.name,
        }
        aliases = [Alias(n, "en") for n in sorted(x for x in iso_names if x and "," not in x)]
        ids = {
            "iso3166-alpha2": country.alpha_2,
            "iso3166-alpha3": alpha3,
            "iso3166-numeric": country.numeric,
        }
        if alpha3 in member_set:
            key = f"state/{alpha3}"
            etype = EntityType.STATE
            extra = overlay.get(key)
            if extra is not None:
                if "zh-Hans" in dict(extra.labels):
                    labels.pop("zh-Hant", None)  # convert the curated name instead
                labels.update(dict(extra.labels))
                aliases.extend(extra.aliases)
                ids.update(dict(extra.ids))
        else:
            short = getattr(country, "common_name", None) or country.name
            key = "place/" + re.sub(r"[^a-z0-9]+", "-", _ascii(short).lower()).strip("-")
            etype = EntityType.PLACE
        entity = Entity(
            key=key,
            type=etype,
            labels=tuple(sorted(labels.items())),
            aliases=tuple(aliases),
            ids=tuple(sorted(ids.items())),
        )
        out.append(_complete(entity))
    keys = [e.key for e in out]
    if len(keys) != len(set(keys)):
        clash = sorted(k for k in keys if keys.count(k) > 1)[0]
        raise DataError(catalogue_dir(), 0, f"two ISO 3166 entries make the key {clash!r}")
    return out


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# -- completion: zh-Hant labels, de-duplicated aliases ---------------------------------


@cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _complete(entity: Entity) -> Entity:
    """Add Traditional Chinese labels and aliases by conversion; drop repeated aliases."""
    labels = dict(entity.labels)
    convert = _s2t().convert
    aliases = list(entity.aliases)
    if "zh-Hans" in labels:
        converted = convert(labels["zh-Hans"])
        if "zh-Hant" not in labels:
            labels["zh-Hant"] = converted
        elif converted != labels["zh-Hant"]:
            aliases.append(Alias(converted, "zh-Hant"))
    for alias in entity.aliases:
        if alias.lang == "zh-Hans":
            aliases.append(Alias(convert(alias.text), "zh-Hant", alias.requires, alias.within))
    pref = set(labels.items())
    unique = sorted({a for a in aliases if (a.lang, a.text) not in pref})
    return Entity(
        key=entity.key,
        type=entity.type,
        labels=tuple(sorted(labels.items())),
        aliases=tuple(unique),
        ids=entity.ids,
        facts=entity.facts,
    )


def _check_references(entities: dict[str, Entity], directory: Path) -> None:
    prefixes = tuple(f"{t.value}/" for t in EntityType)
    for entity in entities.values():
        for name, value in entity.facts:
            if isinstance(value, str) and value.startswith(prefixes) and value not in entities:
                raise DataError(
                    directory, 0, f"{entity.key}: fact {name!r} names unknown key {value!r}"
                )
