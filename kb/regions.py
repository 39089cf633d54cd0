"""China's administrative divisions: which place lies within which.

A province's notice is policy for its cities and counties too (福建's "八闽健康码" for 莆田), a
city's for its counties; a question naming the city is about it. The divisions come from the
adcode table (province → prefecture → county, 2020) that the `cpca` package ships; the file is
read without importing `cpca` (which would load pandas). Names are matched by their stems
(莆田市 and 莆田, 昌吉回族自治州 and 昌吉州, 新疆维吾尔自治区 and 新疆).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from kb.textnorm import nfkc

_SUFFIX = re.compile(r"(?:自治(?:区|州|县|旗)|特别行政区|新区|地区|省|市|县|区|州|盟|旗)$")


def region_stem(name: str) -> str:
    """江西省 → 江西, 昌吉回族自治州 / 昌吉州 → 昌吉, 新疆维吾尔自治区 → 新疆, 内蒙古自治区 → 内蒙古;
    a name of two characters keeps its suffix (城区, 郊区)."""
    name = nfkc(name).strip()
    for pattern in (_ethnic_suffix(), _SUFFIX):
        stem = pattern.sub("", name)
        if stem != name and len(stem) >= 2:
            return stem
    return name


@cache
def _ethnic_suffix() -> re.Pattern[str]:
    """The peoples an autonomous division is named for, before 自治区/州/县 (回族, 维吾尔, 藏族羌族)."""
    with open(_resource("56_nations.csv"), encoding="utf-8") as fh:
        peoples = sorted({line.strip().removesuffix("族") for line in fh if line.strip()}, key=len, reverse=True)
    return re.compile(rf"(?:(?:{'|'.join(peoples)})族?)+自治(?:区|州|县|旗)$")


def _resource(name: str) -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the package cpca is not installed: pip install cpca")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / name
    if not path.is_file():
        raise FileNotFoundError(f"cpca is installed but {path} is missing")
    return path


@cache
def _codes() -> dict[str, frozenset[str]]:
    """Each division's stem → the six-digit codes of the divisions of that name (朝阳: 北京's
    district and 辽宁's city). "市辖区" rows are left out: they name no place."""
    codes: dict[str, set[str]] = defaultdict(set)
    with open(_resource("adcodes.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["name"] and row["name"] != "市辖区":
                codes[region_stem(row["name"])].add(row["adcode"][:6])
    return {name: frozenset(found) for name, found in codes.items()}


def _prefix(code: str) -> str:
    """The leading digits a division's members share: 2 for a province, 4 for a prefecture."""
    if code.endswith("0000"):
        return code[:2]
    return code[:4] if code.endswith("00") else code


def is_division(name: str) -> bool:
    """Does the table know the name as a division of China (莆田, 昌吉州, 浦东新区)?"""
    return region_stem(name) in _codes()


def within(place: str, region: str) -> bool:
    """Does `place` lie inside `region` (莆田 in 福建, 昌吉州 in 新疆, 浦东 in 上海)? False for the
    same place, for names the table lacks, and for a county "inside" another county."""
    inner, outer = _codes().get(region_stem(place), frozenset()), _codes().get(region_stem(region), frozenset())
    return any(i != o and len(_prefix(o)) < 6 and i.startswith(_prefix(o)) for i in inner for o in outer)


def regions_holding(place: str) -> list[str]:
    """The provinces and prefectures `place` lies in, by their stems (莆田 → [福建]; 昌吉州 → [新疆];
    a name several divisions share gives the regions of each)."""
    codes = _codes().get(region_stem(place), frozenset())
    outer = {c[:2] + "0000" for c in codes} | {c[:4] + "00" for c in codes}
    return sorted(name for name, found in _codes().items() if (found & outer) - codes and name != region_stem(place))
