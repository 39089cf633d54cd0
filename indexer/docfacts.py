"""Document facts from a document's own text: title, 文号, issuer, dates, plan period,
region, kind and whether it binds anyone.

Understands the shapes in the corpus: 红头 notices that 印发 a plan (the title is the plan
inside 《…》), State Council notices with a `标题：/发文机关：/发文字号：` header, LawRefBook
markdown (optional YAML front matter, the version date in the file name `…(2020-10-17).md`)
and research articles (authors, 摘要, 注释/参考文献: not binding).

Flattened documents (scraped notices: the whole text on one line, title, 文号, addressees and
body run together with spaces) are read from their opening, the text before the first 。:
"国家卫生健康委办公厅关于…的通知 国卫办医函〔2020〕83号 各省…：" gives the title, the 文号 standing
on its own and the issuer; "国家税务总局南阳市税务局 国家税务总局各省辖市税务局，…" the issuer; a
news headline "浙江出台17条措施支持小微企业渡过难关 新华社杭州2月5日电…" the title.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import PurePath

from indexer.extract_common import last_day_of_term
from indexer.extract_dates import FULL, parse_date
from indexer.segment import match_marker
from kb.gazetteer import Gazetteer

_HEADER = re.compile(r"^(标题|发文机关|发文字号|成文日期|发布日期)[:：]\s*(.+)$")
_FRONT = re.compile(r"^(title|office|publish|effective_date|expiry_date|type|status):\s*\"?([^\"]*)\"?\s*$")
_FRONT_LINE = re.compile(r"^[a-z_]+:\s")
_FILE_DATE = re.compile(r"\((\d{4})-(\d{2})-(\d{2})\)")
_LAW_FILE = re.compile(r"^(?:[^_]*法规|司法解释|行政法规|民法商法|经济法|行政法|社会法|刑法|宪法相关法|诉讼与非诉讼程序法)_")
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10}?)[〔\[［(（](\d{4})[〕\]］)）](\d{1,4})号")
_ORDER_NUMBER = re.compile(r"国令第\d+号")
_ISSUED_PLAN = re.compile(r"关于印发[《«](.+?)[》»]的通知")
_NOTICE_TITLE = re.compile(r"^(.{2,40}?)关于(?:印发|转发)")
_DATE_LINE = re.compile(f"^{FULL}$")
# The date a notice is signed with, standing alone after its last sentence or its issuers'
# names ("……请遵照执行。 2020年2月19日", "财政部 税务总局 2020年2月6日"): in a flattened document
# it shares a line with the text, so it is told by the spaces around it.
_SIGNED = re.compile(f"(?:^|(?<=[。！；;\\s]))({FULL})(?=\\s|$)")
# A 公告's number: "财政部 税务总局公告2020年第8号", "国家税务总局公告2020年第4号"
_ISSUER_RUN = r"(?:(?!的|关于)[\u4e00-\u9fff]){2,12}"
_NOTICE_NUMBER = re.compile(rf"(?:^|(?<=\s))((?:{_ISSUER_RUN}[ \u3000、]?){{0,3}}{_ISSUER_RUN}公告)\s*(\d{{4}})年第(\d{{1,4}})号")
_PRINTED_LINE = re.compile(f"{FULL}(?:印发|发布)$")
_EFFECTIVE = re.compile(f"自({FULL})起(?:施行|实施|执行|生效)")
# a law's own 施行 article ("本条例自2025年6月1日起施行")
_SELF_EFFECTIVE = re.compile(f"本(?:法|条例|规定|办法|细则|决定|解释|规则)自({FULL})起(?:施行|实施|生效)")
_EFFECTIVE_ON_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)")
# Validity of the document itself: only in a sentence about 本办法/本细则 … or its 施行.
_SELF = re.compile(r"施行|本(?:实施)?(?:办法|细则|规定|方案|通知|意见|政策|措施)")
_EXPIRY = re.compile(f"有效期(?:至|到|截至)({FULL})")
# A period the document's measures run for, stated in its preamble (its first _PREAMBLE_CHARS
# characters; later ones are single measures'): "自2020年1月1日至3月31日，实行更优惠的进口税收政策"
_PREAMBLE_CHARS = 400
_IN_FORCE_WINDOW = re.compile(
    f"自(?P<start>{FULL})起?至(?P<end>(?:\\d{{4}}年)?\\d{{1,2}}月\\d{{1,2}}日)止?[，,]?[^。；]{{0,30}}?(?:实行|执行|实施|施行)"
)
_VALID_YEARS = re.compile(r"有效期(?:为)?(\d+)年")
_PLAN = re.compile(r"[(（](\d{4})\s*[-—–~至]\s*(\d{4})年?[)）]")
_CONGRESS = re.compile(r"([\u4e00-\u9fff]{2,4}?)第[一二三四五六七八九十]+届(全国)?人民代表大会(常务委员会)?")
_AUTHOR_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[ \u3000]+[\u4e00-\u9fff]{2,4})+$")
_RESEARCH = re.compile(r"【摘\s*要】|摘\s*要[:：]|关键词[:：]|参考文献|作者简介")
_AFFILIATION = re.compile(r"^[(（]([\u4e00-\u9fff]{4,30})\s*\d{6}[)）]$")
_KINDS = (
    "实施细则", "实施方案", "工作方案", "意见", "办法", "条例", "规定", "决定", "通知",
    "解释", "规则", "细则", "方案", "纲要", "规划", "法",
)  # fmt: skip
_NATIONAL = re.compile(r"国务院|全国人民代表大会|中华人民共和国|最高人民法院|最高人民检察院|^国家|部$|总局$")
# An issuer naming a province, city or county is local, also a national body's branch there
# (国家税务总局南阳市税务局, 四川省…应急指挥部); 国家市场监督管理总局 is not.
_LOCAL_PLACE = re.compile(r"省|自治区|市(?!场)|县(?!级)|盟")
# 文号 of national bodies: 国发, 国办发, 国函, 国卫…, 税总发, 财办…, 发改…, 人社部发, 人社厅发, 银发, 交运…
_NATIONAL_NUMBER = re.compile(r"^(?:国|税总|财|发改|人社[部厅]|银发|交运|自然资)")
_CENTRAL = re.compile(r"^(?:国务院|全国|中华人民共和国|中共中央|中央)")

# Flattened documents (see the module docstring).
_FLAT_LINE = 200  # a first line longer than this is a whole document run together
_OPENING_CHARS = 300
_TITLE_KINDS = "通知|意见|办法|决定|规定|方案|公告|通告|通报|措施|细则|指南|指引"
# "关于…的通知" ending a run (a space, the end, or its 文号, in brackets or run on: "…的通知人社部发〔2020〕11号");
# never across another 关于
_ABOUT_TITLE = re.compile(
    rf"关于(?:(?!关于)[^。：:；;！？!?，,\n]){{2,120}}?(?:{_TITLE_KINDS})(?=\s|$|[（(][^（()）]{{0,12}}〔|[\u4e00-\u9fff]{{1,10}}〔\d{{4}}〕\d{{1,4}}号)"
)
_ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()]{1,30}?(?:人民政府|政府|办公厅|办公室|委员会|指挥部|领导小组|工作组|总局|总署|集团|公司|银行|分行|支行|中心|国务院|法院|检察院|[部厅局委署办])$"
)
_STANDALONE_NUMBER = re.compile(
    r"(?:^|(?<=\s))[(（]?([\u4e00-\u9fff]{1,10})\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*号[)）]?(?=\s|$)"
)
# a 文号 run on right after the title it numbers ("…关于阶段性减免企业社会保险费的通知人社部发〔2020〕11号")
_NUMBER_AFTER_TITLE = re.compile(rf"(?:{_TITLE_KINDS})([\u4e00-\u9fff]{{1,10}}?)[〔\[［]\s*(\d{{4}})\s*[〕\]］]\s*(\d{{1,4}})\s*号(?=\s|$)")
_PAGE_SECTIONS = frozenset("通知公告 通知 公告 政策解读 新闻动态 工作动态 政务公开 信息公开 政策文件 首页 要闻 本地要闻".split())
_LETTER_SPACED = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000]+){1,5}[\u4e00-\u9fff](?=\s)")  # 通 告


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _front_matter(lines: list[str]) -> dict[str, str]:
    """YAML front matter keys; the leading `key: value` lines (layout cleaning drops the ---)."""
    found = {}
    for line in lines[:30]:
        if line == "---":
            continue
        if not _FRONT_LINE.match(line):
            break
        match = _FRONT.match(line)
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _research_title(lines: list[str]) -> str:
    """The lines before the author line: 激励创造和有效运用，引导企业 / 发明专利高质量发展."""
    title: list[str] = []
    for line in lines[:6]:
        if _AUTHOR_LINE.match(line) or _RESEARCH.search(line):
            break
        title.append(line)
    return "".join("".join(title).split())


def _opening(lines: list[str]) -> str:
    """A flattened document's opening (its first line up to the first 。！？, capped), else "": a first
    line too long for a heading, or the whole document on one line (a short news item)."""
    if not lines or (len(lines[0]) <= _FLAT_LINE and len(lines) > 1):
        return ""
    first = lines[0][:_OPENING_CHARS]
    end = re.search(r"[。！？!?]", first)
    return first[: end.start()] if end else first


def _about_titles(opening: str) -> list[tuple[str, list[str]]]:
    """'X关于…的通知' titles starting a run of a flattened opening, each with its issuers (the
    bodies before 关于: "交通运输部 国家发展改革委 关于…", "山东省人民政府办公厅印发关于…")."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"\S+", opening)]
    found: list[tuple[str, list[str]]] = []
    for about in _ABOUT_TITLE.finditer(opening):
        run = next(i for i, (start, end) in enumerate(runs) if start <= about.start() < end)
        prefix = opening[runs[run][0] : about.start()]
        if not re.fullmatch(r"[\u4e00-\u9fff]*(?:(?:印发|转发)《)?", prefix):
            continue  # inside a sentence or a citation: 印发的《关于…》
        body = re.sub(r"(?:印发|转发)《?$", "", prefix)
        first = run
        while first > 0 and _ORGAN.match(opening[runs[first - 1][0] : runs[first - 1][1]]):
            first -= 1
        # a heading may repeat its issuers ("国务院扶贫办 财政部 国务院扶贫办 财政部关于…")
        before = [r for r in dict.fromkeys(opening[s:e] for s, e in runs[first:run]) if r != body]
        # who issues is the first body: "龙岩市人社局转发福建省人社厅办公室 转发人社部办公厅关于…"
        issuers = [i for i in dict.fromkeys(re.split("印发|转发", r)[0] for r in [*before, body]) if _ORGAN.match(i)]
        found.append(("".join(before) + "".join(opening[runs[run][0] : about.end()].split()), issuers))
    return found


def _opening_title(opening: str, line: str) -> str:
    """The title of a flattened document (`line`, its `opening`): "X关于…的通知", else its first
    run when that reads like a headline (no sentence, not an issuer, followed by more text)."""
    titles = _about_titles(opening)
    if titles:
        return titles[0][0]
    spaced = _LETTER_SPACED.match(opening)
    if spaced:
        return "".join(spaced.group().split())
    runs = line[:_OPENING_CHARS].split()  # a headline may end with ？ ("呼吸阀口罩有风险吗？ …")
    # a page's issuer and section before its headline ("国家税务总局山东省税务局 通知公告 新冠肺炎……指引")
    while len(runs) > 2 and (_ORGAN.match(runs[0]) or runs[0] in _PAGE_SECTIONS):
        runs = runs[1:]
    if len(runs) < 2:
        return ""
    first = runs[0]
    while first.count("《") > first.count("》") and len(runs) > 2:  # a name with a space in it: 《…农业生产 确保…》
        first, runs = first + runs[1], runs[1:]
    first = re.sub(r"^[（(](.+)[）)]$", r"\1", first)  # "（关于……的公告）" heading a page: the name
    if (
        not 4 <= len(first) <= 80
        or _ORGAN.match(first)
        or _DOC_NUMBER.search(_compact(first))
        or "。" in first
        or first[-1] in "：:，,、；;"
    ):
        return ""
    return first


def _opening_issuer(opening: str) -> str:
    """The issuer of a flattened document: the body before "关于…的通知", else the bodies its
    opening starts with ("人力资源社会保障部 财政部 税务总局 各省、…" → 人力资源社会保障部、财政部、税务总局)."""
    issuers = next((found for _, found in _about_titles(opening) if found), [])
    if not issuers:
        runs = opening.split()
        for run in runs[:8]:
            if not _ORGAN.match(run):
                break
            issuers.append(run)
        issuers = list(dict.fromkeys(issuers)) if len(issuers) < len(runs) else []
    return "、".join(issuers)


_HEAD_LINES = 8
# "（issuers）关于…的通知" anywhere in a head line, the addressees that may run on after it cut off
_ABOUT_IN_LINE = re.compile(rf"关于(?:(?!关于)[^。：:；;！？!?，,\n《》〈〉]){{2,120}}?的(?:{_TITLE_KINDS})")
_KIND_LINE = re.compile(rf"^[\u4e00-\u9fff（）()\d-]{{4,40}}(?:{_TITLE_KINDS}|条例)$")


def _headed_title(lines: list[str]) -> str:
    """The title in a document's head lines: a "X关于…的通知" line (its issuers before 关于 kept,
    the addressees after it dropped; a link "关于《…》的解读" is none), else a short line that is a
    document's name ("广州市老年人助餐配餐服务管理办法" after the 印发 notice's date)."""
    for line in lines:
        compact = _compact(line)
        about = _ABOUT_IN_LINE.search(compact) if len(compact) <= _FLAT_LINE else None
        issuers = compact[: about.start()] if about else ""
        if about and (not issuers or re.fullmatch(r"(?:[\u4e00-\u9fff]{2,30}?(?:局|委员会|政府|办公厅|部|委))+", issuers)):
            return issuers + about.group()
    return next((_compact(line) for line in lines if _KIND_LINE.match(_compact(line))), "")


def _title(lines: list[str], head: str, header: dict[str, str], front: dict[str, str], research: bool, opening: str = "") -> str:
    if header.get("标题"):
        return header["标题"]
    if front.get("title"):
        return front["title"]
    plan = _ISSUED_PLAN.search("".join(head.split()))
    if plan:
        return plan.group(1)
    if research:
        return _research_title(lines)
    if opening:
        return _opening_title(opening, lines[0])
    for n, line in enumerate(lines[:5]):
        line = line.lstrip("#").strip()
        if "关于" in line and n + 1 < len(lines):  # a title broken over two lines: "…关于印发广州市就业见习" + "基地管理办法的通知"
            joined = _compact(line + lines[n + 1])
            about = _ABOUT_IN_LINE.search(joined)
            if about and about.end() == len(joined) and not _ABOUT_IN_LINE.search(_compact(line)):
                return joined
        if line.endswith(("：", ":")) or (line and all(_ORGAN.match(run) for run in line.split())) or _DATE_LINE.match(_compact(line)):
            continue  # the addressees ("各区民政局、财政局："), issuers or date of a notice, not its title
        if line and line != "---" and not line.endswith("文件") and not _DOC_NUMBER.search(_compact(line)) and not _NOTICE_NUMBER.fullmatch(_compact(line)):
            # An article or a sentence is body text, not a title: a title among the head lines, else the file name.
            is_body = match_marker(line) is not None or line.endswith(("。", ".", "；", ";"))
            return "".join(line.split()) if len(line) <= 80 and not is_body else _headed_title(lines[:_HEAD_LINES])
    return _headed_title(lines[:_HEAD_LINES])


def _doc_number(lines: list[str], header: dict[str, str], opening: str = "") -> str:
    if header.get("发文字号"):
        return header["发文字号"]
    if opening:  # only a 文号 on its own: one in brackets after 《…》 is a cited document's
        normal = unicodedata.normalize("NFKC", opening)
        if match := _STANDALONE_NUMBER.search(normal) or _NUMBER_AFTER_TITLE.search(normal):
            return f"{match.group(1)}〔{match.group(2)}〕{match.group(3)}号"
        match = _NOTICE_NUMBER.search(normal)
        return _notice_number(match) if match else ""
    for line in lines[:15]:
        compact = _compact(line)
        match = _DOC_NUMBER.fullmatch(compact) or _DOC_NUMBER.search(compact) or _ORDER_NUMBER.search(compact)
        match = match or _NOTICE_NUMBER.fullmatch(compact)
        if match and match.re is _ORDER_NUMBER:
            return match.group()
        if match and match.re is _NOTICE_NUMBER:
            return _notice_number(match)
        if match:
            return f"{_NUMBER_LEAD.sub('', match.group(1))}〔{match.group(2)}〕{match.group(3)}号"
    return ""


def _notice_number(match: re.Match) -> str:
    """A 公告 number as one run: "财政部税务总局公告2020年第8号"."""
    return f"{''.join(match.group(1).split())}{match.group(2)}年第{match.group(3)}号"


# words a sentence puts before a 文号 that are no part of its issuer's abbreviation ("……的解读穗天科工信规字〔2023〕1号")
_NUMBER_LEAD = re.compile(r"^.*(?:的|之|解读|印发|转发|根据|按照|依据|参照)")


def _issuer(lines: list[str], head: str, header: dict[str, str], front: dict[str, str], research: bool, opening: str = "") -> str:
    if header.get("发文机关"):
        return header["发文机关"]
    if front.get("office"):
        return front["office"]
    if research:
        authors = next((line for line in lines[:8] if _AUTHOR_LINE.match(line)), "")
        org = next((m.group(1) for line in lines[:10] if (m := _AFFILIATION.match(_compact(line)))), "")
        return f"{org}（{'、'.join(authors.split())}）" if org and authors else org
    for line in lines[:3]:
        compact = _compact(line).lstrip("#")
        if compact.endswith("文件") and len(compact) > 2:
            return compact[: -len("文件")]
    if opening and (found := _opening_issuer(opening)):
        return found
    notice = _NOTICE_TITLE.match(_compact(head))
    if notice and "关于" not in notice.group(1):  # not a heading printed twice
        return notice.group(1)
    congress = _CONGRESS.search(head)
    if congress:
        return f"{'全国' if congress.group(2) else congress.group(1)}人民代表大会{congress.group(3) or ''}"
    return ""


def _issue_date(lines: list[str], header: dict[str, str], front: dict[str, str], file_date: date | None, text: str) -> date | None:
    for value in (header.get("成文日期"), header.get("发布日期"), front.get("publish")):
        if value and (_iso(value) or parse_date(_compact(value))):
            return _iso(value) or parse_date(_compact(value))
    if file_date:
        return file_date
    compact_lines = [_compact(line) for line in lines]
    for pattern in (_DATE_LINE, _PRINTED_LINE):
        for line in compact_lines:
            if pattern.search(line):
                return parse_date(line)
    signed = _SIGNED.search(unicodedata.normalize("NFKC", text))
    return parse_date(signed.group(1)) if signed else None


def _region(filename: str, issuer: str, title: str, gazetteer: Gazetteer, doc_number: str = "") -> str:
    law = _LAW_FILE.match(filename)
    if law:
        if "地方法规" in law.group():
            return "市级" if filename.startswith("上海") else "其他"
        return "国家级"
    who = issuer or title
    if gazetteer.district_of(who) or re.search(r"区人民政府|区政府", who):
        return "区级"
    if who.startswith(("上海", "沪")) or "上海市" in who or (not who and doc_number.startswith("沪")):
        return "市级"
    first = issuer.split("、")[0]
    if _LOCAL_PLACE.search(first) and not _CENTRAL.match(first):
        return "其他"
    if (
        _NATIONAL.search(first)
        or re.match(r"[\u4e00-\u9fff]{2,10}部", first)
        or re.match(r"国务院|全国人民代表大会|中华人民共和国", title)
        or _NATIONAL_NUMBER.match(doc_number)
    ):
        return "国家级"
    return "其他" if who else ""


def _kind(title: str, research: bool) -> str:
    if research:
        return "研究文章"
    bare = re.sub(r"[(（][^()（）]*[)）]$", "", title)
    return next((kind for kind in _KINDS if bare.endswith(kind)), "")


def extract_doc_facts(text: str, filename: str, title_hint: str = "") -> dict:
    """Facts about one document, keyed like `Document` fields (missing ones omitted or None); the
    title is the text's own, else `title_hint` (a saved page's <title>), else the file's name."""
    text = text or ""
    lines = _lines(text)
    header = {m.group(1): m.group(2).strip() for line in lines[:8] if (m := _HEADER.match(line))}
    front = _front_matter(lines)
    name = PurePath(filename).name
    file_date_match = _FILE_DATE.search(name)
    file_date = _iso("-".join(file_date_match.groups())) if file_date_match else None
    opening = _opening(lines)
    head = opening or "\n".join(lines[:12])
    research = bool(_RESEARCH.search(text[:3000])) or name.startswith(("研究文章", "论文"))
    gazetteer = Gazetteer.default()

    title = _title(lines, head, header, front, research, opening) or title_hint
    issuer = _issuer(lines, head, header, front, research, opening)
    doc_number = _doc_number(lines, header, opening)
    issue_date = None if research else _issue_date(lines, header, front, file_date, text)
    compact = _compact(text)
    effective = _iso(front.get("effective_date", "")) or file_date
    if effective is not None and effective == file_date and (own_start := _SELF_EFFECTIVE.search(compact)):
        # a file named by its publication date, the text taking effect later: 2025-03-17 published, 施行
        # 2025-06-01 (a revised law's article keeps the first version's earlier date: the file's stands)
        later = parse_date(own_start.group(1))
        effective = later if later is not None and later > effective else effective
    if effective is None and (match := _EFFECTIVE.search(compact)):
        effective = parse_date(match.group(1))
    expiry = _iso(front.get("expiry_date", ""))
    if effective is None and expiry is None and not research and (window := _IN_FORCE_WINDOW.search(compact[:_PREAMBLE_CHARS])):
        effective = parse_date(window["start"])
        end = window["end"]
        expiry = parse_date(end if "年" in end else f"{effective.year}年{end}") if effective else None
    if effective is None and not research and (_EFFECTIVE_ON_ISSUE.search(compact) or not _LAW_FILE.match(name)):
        effective = issue_date
    own = "。".join(sentence for sentence in compact.split("。") if _SELF.search(sentence))
    if expiry is None and (match := _EXPIRY.search(own)):
        expiry = parse_date(match.group(1))
    if expiry is None and effective and (years := _VALID_YEARS.search(own)):
        expiry = last_day_of_term(effective, int(years.group(1)))
    plan = _PLAN.search(title)
    return {
        "title": title or re.sub(r"^[^_]*_", "", PurePath(name).stem),
        "doc_number": doc_number,
        "issuer": issuer,
        "issue_date": issue_date,
        "effective_date": effective,
        "expiry_date": expiry,
        "plan_period": (int(plan.group(1)), int(plan.group(2))) if plan else None,
        "region": _region(name, issuer, title, gazetteer, doc_number),
        "kind": _kind(title, research),
        "binding": not research,
    }
