"""The bureau gazetteer: canonical names of government units and the short forms texts use.

Documents name units by short forms (市知识产权局, 市教委, 金融监管总局上海监管局 …); answers
and filters work on the canonical name (上海市知识产权局 …). The data lives in
kb/data/units.toml. Matching is on NFKC text so full-width punctuation and digits fold.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kb.textnorm import nfkc

if TYPE_CHECKING:
    import jieba

DATA_FILE = Path(__file__).resolve().parent / "data" / "units.toml"

# A national ministry's bare short form (统计局, 发展改革委) preceded by one of these is
# some local bureau the gazetteer does not know, not the ministry.
_LOCAL_PREFIX = set("市区省县州镇")
_NATIONAL_PREFIXES = ("国家", "国务院", "中国", "中华", "全国", "中央", "中共")


@dataclass(frozen=True)
class Unit:
    name: str
    aliases: tuple[str, ...]
    level: str


class Gazetteer:
    """Lookup of unit names: canonicalisation, scanning text, suggestions, jieba words."""

    def __init__(
        self, units: list[Unit], district_generic: dict[str, str] | None = None, districts: tuple[str, ...] = ()
    ) -> None:
        self._units = units
        self.districts = districts
        self._district_generic = {nfkc(k): v for k, v in (district_generic or {}).items()}
        self._canonical: dict[str, str] = {}
        self._level: dict[str, str] = {}
        for unit in units:
            self._level[unit.name] = unit.level
            for surface in (unit.name, *unit.aliases):
                self._canonical.setdefault(nfkc(surface), unit.name)
        surfaces = sorted({*self._canonical, *self._district_generic}, key=len, reverse=True)
        # Longest alternative first: Python's alternation is leftmost-first.
        self._pattern = re.compile("|".join(map(re.escape, surfaces)))

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        units = [Unit(entry["name"], tuple(entry.get("aliases", ())), entry.get("level", "")) for entry in data.get("unit", [])]
        for district in data.get("districts", []):
            for name, aliases in data.get("district_units", {}).items():
                units.append(
                    Unit(
                        name.format(d=district),
                        tuple(a.format(d=district) for a in aliases),
                        "区级",
                    )
                )
        return cls(units, data.get("district_generic", {}), tuple(data.get("districts", ())))

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of kb/data/units.toml, loaded once per process."""
        return _default()

    def district_of(self, text: str) -> str | None:
        """The first Shanghai district named in `text` (杨浦区, 浦东新区 …), if any."""
        positions = [(text.find(d), d) for d in self.districts if d in text]
        return min(positions)[1] if positions else None

    def canonical(self, name: str, district: str | None = None) -> str | None:
        """Canonical name of `name` (a name or alias), or None if the unit is unknown.

        With `district` (e.g. 杨浦区, from the document being read), generic names such as
        财政部门 / 区知识产权联席会议 resolve to that district's unit.
        """
        key = re.sub(r"\s+", "", nfkc(name or ""))
        if district and key in self._district_generic:
            return self._district_generic[key].format(d=district)
        return self._canonical.get(key)

    def level(self, canonical: str) -> str:
        """国家级 / 市级 / 区级 / 其他, or "" when unknown or generic."""
        return self._level.get(canonical, "")

    def find_units(self, text: str, district: str | None = None) -> list[tuple[str, str]]:
        """Known units named in `text`, in order: (surface as written after NFKC, canonical)."""
        return [(surface, canonical) for _, _, surface, canonical in self.scan(text, district)]

    def scan(self, text: str, district: str | None = None) -> list[tuple[int, int, str, str]]:
        """Like `find_units` with (start, end) offsets into nfkc(text)."""
        text = nfkc(text or "")
        found = []
        for match in self._pattern.finditer(text):
            surface = match.group()
            start, end = match.span()
            if surface.endswith("部") and text.startswith("门", end):  # 财政部门 is not 财政部
                continue
            canonical = self.canonical(surface, district) or surface
            bare = not canonical.startswith(surface) and not surface.startswith(_NATIONAL_PREFIXES)
            if bare and self.level(canonical) == "国家级" and start and text[start - 1] in _LOCAL_PREFIX:
                continue
            found.append((start, end, surface, canonical))
        return found

    def all_units(self) -> list[Unit]:
        """Every known unit with its aliases."""
        return list(self._units)

    def suggest(self, name: str, k: int = 3, prefer: Callable[[str], bool] = lambda unit: False) -> list[str]:
        """The `k` known units closest to an unknown `name` (by characters shared and order); among
        equally close ones (the 16 districts' 财政局 for "区财政局") those `prefer` says first."""
        query = re.sub(r"\s+", "", nfkc(name or ""))
        if not query:
            return []
        best: dict[str, float] = {}
        for surface, canonical in self._canonical.items():
            shared = len(set(query) & set(surface)) / len(set(query) | set(surface))
            score = 0.5 * shared + 0.5 * SequenceMatcher(None, query, surface).ratio()
            if score > best.get(canonical, 0.0):
                best[canonical] = score
        ranked = sorted(best.items(), key=lambda item: (-round(item[1], 6), not prefer(item[0]), item[0]))
        return [name for name, score in ranked[:k] if score > 0]

    def jieba_words(self) -> list[str]:
        """All names and aliases, for a jieba user dictionary."""
        words = {surface for unit in self._units for surface in (unit.name, *unit.aliases)}
        words |= set(self._district_generic)
        return sorted(words)

    def tokenizer(self) -> jieba.Tokenizer:
        """A jieba tokenizer (not the global one) that keeps every unit name one word."""
        return _tokenizer(self)


@cache
def _default() -> Gazetteer:
    return Gazetteer.from_file(DATA_FILE)


@cache
def _tokenizer(gazetteer: Gazetteer) -> jieba.Tokenizer:
    import jieba

    tokenizer = jieba.Tokenizer()
    for word in gazetteer.jieba_words():
        tokenizer.add_word(word, freq=100000)
    return tokenizer
