"""Responsible units of a clause, with their role.

Three sources, on normalised text (NFKC, no whitespace):
- lists in brackets: (责任单位:市知识产权局、市教委) -> responsible each (the first listed is
  not the lead unless the text says so); (生态环境部牵头,国家发展改革委…参与) -> lead / co;
  (海关总署、商务部负责。列第一位者为牵头单位) -> first lead, the rest co;
- prose: 由XX牵头, XX会同YY (lead / co), XX负责/须/要/应… (responsible);
- an unknown but well-formed name (…局, …委, …政府 …) in a list or starting a sentence
  before 负责 is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.extract_common import strip_label
from kb.gazetteer import Gazetteer
from kb.models import UnitRef

_LABELLED = re.compile(r"^(责任单位|责任部门|责任主体|牵头单位|牵头部门|配合单位|参与单位|协同单位|协办单位)[:]?")
_LABEL_ROLE = {"牵头": "lead", "配合": "co", "参与": "co", "协同": "co", "协办": "co"}
_ROLE_VERB = re.compile(r"^(?P<names>.+?)(?P<verb>牵头负责|牵头|负责落实|负责|参与|配合|协同|协助|指导)$")
_VERB_ROLE = {"牵头负责": "lead", "牵头": "lead", "参与": "co", "配合": "co", "协同": "co", "协助": "co"}
_FIRST_IS_LEAD = re.compile(r"(?:列|排在)第一位(?:者|的部门|的单位)?为牵头")
_PIECE_NOISE = re.compile(r"(?:等有关部门和单位|等有关部门|等部门|等单位|等|按职责分工|分别|共同)$")
_UNIT_SUFFIX = re.compile(
    r"(?:部门|办公室|领导小组|联席会议|委员会|政府|中心|总局|分局|分行|总社|工委|组委|部|委|局|办|厅|署|院|会|行|所|联|团中央)$"
)
_GENERIC = {"有关部门", "各有关部门", "相关部门", "各部门", "有关单位", "各有关单位", "各单位", "其他有关部门"}
_NOT_NAME = re.compile(r"[的在对是将把于为以及等,;。:()《》“”\"%\d]")
_DUTY = re.compile(r"^(?:,?具体负责|,?负责|须|必须|要|应当|应|统筹|组织|指导|做好|协同|依法|严格|定期)")
_JOINER = re.compile(r"^[、和及与]$|^以及$")
_RANK = {"lead": 0, "responsible": 1, "co": 2}


def well_formed(name: str) -> bool:
    """Whether an unknown `name` looks like a unit name (…局, …委员会, …政府 …)."""
    return 2 <= len(name) <= 30 and name not in _GENERIC and bool(_UNIT_SUFFIX.search(name)) and not _NOT_NAME.search(name)


def _top_level_brackets(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every outermost (…) in `text`; an unclosed one runs to the end."""
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1
    if depth:
        yield start, len(text)


class _Units:
    def __init__(self, gazetteer: Gazetteer, district: str | None) -> None:
        self.gazetteer = gazetteer
        self.district = district
        self.found: dict[str, UnitRef] = {}

    def resolve(self, surface: str) -> str | None:
        """Canonical name of a listed piece: known, or well-formed and kept as written."""
        known = self.gazetteer.canonical(surface, self.district)
        if known:
            return known
        return surface if well_formed(surface) else None

    def add(self, name: str, surface: str, role: str) -> None:
        old = self.found.get(name)
        if old is None or _RANK[role] < _RANK[old.role]:
            self.found[name] = UnitRef(name=name, short=surface, role=role)  # type: ignore[arg-type]

    def pieces(self, names: str) -> list[tuple[str, str]] | None:
        """(surface, canonical) of a 、-separated list; None if some piece is not a unit."""
        names = names.rsplit("由", 1)[-1]
        out: list[tuple[str, str]] = []
        for piece in re.split(r"[、,]|等(?:和|及|以及)|以及", names):
            piece = _PIECE_NOISE.sub("", piece.strip())
            if not piece or piece in _GENERIC:
                continue
            resolved = self.resolve(piece)
            if resolved is None and "和" in piece:
                parts = [p for p in piece.split("和") if p]
                resolved_parts = [(p, self.resolve(_PIECE_NOISE.sub("", p))) for p in parts]
                if all(r for _, r in resolved_parts):
                    out += [(p, r) for p, r in resolved_parts if r not in _GENERIC]  # type: ignore[misc]
                    continue
            if resolved is None:
                return None
            out.append((piece, resolved))
        return out

    def bracket(self, content: str) -> bool:
        """Read a bracketed unit list; False if `content` is not one."""
        labelled = _LABELLED.match(content)
        if labelled:
            for section in re.split(r"[;。]", content):
                head = _LABELLED.match(section)
                role = _LABEL_ROLE.get(head.group(1)[:2], "responsible") if head else "responsible"
                body = section[head.end() :] if head else section
                for surface, name in self.pieces(body) or []:
                    self.add(name, surface, role)
            return True
        first_is_lead = bool(_FIRST_IS_LEAD.search(content))
        listed: list[tuple[str, str, str]] = []
        for clause in re.split(r"[,;。]", content):
            match = _ROLE_VERB.match(clause)
            if not match:
                continue
            pieces = self.pieces(match.group("names"))
            if pieces is None:
                return False
            listed += [(surface, name, _VERB_ROLE.get(match.group("verb"), "responsible")) for surface, name in pieces]
        for i, (surface, name, role) in enumerate(listed):
            if first_is_lead and role == "responsible":
                role = "lead" if i == 0 else "co"
            self.add(name, surface, role)
        return bool(listed)

    def prose(self, text: str) -> None:
        """Units that act in running text: XX负责/须/要…, 由XX牵头, XX会同YY."""
        matches = self.gazetteer.scan(text, self.district)
        chains: list[list[tuple[int, int, str, str]]] = []
        for match in matches:
            if chains and _JOINER.match(text[chains[-1][-1][1] : match[0]]):
                chains[-1].append(match)
            else:
                chains.append([match])
        co_next = False
        for chain in chains:
            start, end = chain[0][0], chain[-1][1]
            after = text[end : end + 6]
            if co_next:
                role = "co"
            elif after.startswith(("牵头", "会同")) or (text[start - 1 : start] == "由" and after.startswith("负责")):
                role = "lead" if after.startswith(("牵头", "会同")) else "responsible"
            elif _DUTY.match(after):
                role = "responsible"
            else:
                continue
            co_next = after.startswith("会同")
            for _, _, surface, name in chain:
                self.add(name, surface, role)
        for sentence in re.split(r"[。;]", text):
            head = re.match(r"([^,;。、()《》]{2,40}?)[,]?(?:负责|牵头)", strip_label(sentence))
            if head and well_formed(head.group(1)) and not self.gazetteer.find_units(head.group(1)):
                self.add(head.group(1), head.group(1), "responsible")


def _outside_unit_lists(text: str, units: _Units) -> str:
    """`text` with each bracketed unit list `units` reads blanked out (□), same length."""
    prose = list(text)
    for start, end in _top_level_brackets(text):
        if units.bracket(text[start + 1 : end].rstrip(")")):
            prose[start:end] = "□" * (end - start)
    return "".join(prose)


def extract_units(text: str, *, district: str | None = None, gazetteer: Gazetteer | None = None) -> list[UnitRef]:
    """Units of a normalised clause (see module doc): listed ones first, then prose; each once."""
    units = _Units(gazetteer or Gazetteer.default(), district)
    units.prose(_outside_unit_lists(text.replace("(区、市)", "级"), units))
    return list(units.found.values())


def without_unit_lists(text: str, gazetteer: Gazetteer | None = None) -> str:
    """A normalised clause without its bracketed lists of responsible units ("(责任单位:市知识产权局、
    青浦区政府)"): what it says besides who must do it."""
    return _outside_unit_lists(text, _Units(gazetteer or Gazetteer.default(), None))
