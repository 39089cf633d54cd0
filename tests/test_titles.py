"""Matching document names in questions against titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.models import Document
from kb.titles import TitleIndex, common_substring

TEXT = st.text(alphabet="专利法实施细则上海市ab", max_size=14)


def all_common(a: str, b: str) -> list[str]:
    return [a[i:j] for i in range(len(a)) for j in range(i + 1, len(a) + 1) if a[i:j] in b]


@given(TEXT, TEXT)
def test_common_substring_is_the_first_longest_run_shared_by_both(a, b):
    run = common_substring(a, b)
    shared = all_common(a, b)
    longest = max((len(s) for s in shared), default=0)
    assert len(run) == longest
    assert run in b
    assert run == next((s for i in range(len(a)) for s in [a[i : i + longest]] if longest and s in b), "")


def test_common_substring_of_a_law_name_and_a_title():
    assert common_substring("专利法第十五条", "专利法实施细则") == "专利法"


def titles_of(*docs: tuple[str, str]) -> TitleIndex:
    return TitleIndex([Document(doc_id=title, title=title, doc_number=number) for title, number in docs])


LIBRARY = titles_of(
    ("中华人民共和国保险法", ""),
    ("中华人民共和国军人保险法", ""),
    ("中华人民共和国专利法", ""),
    ("中华人民共和国专利法实施细则", ""),
    ("上海市专利转化运用专项行动实施方案", "沪府办发〔2024〕7号"),
    ("上海市知识产权运营服务体系建设第二批专项资金实施细则", ""),
)


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("保险法", ["中华人民共和国保险法"]),  # held whole beats merely overlapping 军人保险法
        ("专利法实施细则", ["中华人民共和国专利法实施细则"]),  # the longest title held whole
        ("专项行动方案", ["上海市专利转化运用专项行动实施方案"]),  # the longest shared run
        ("沪府办发〔2024〕7号", ["上海市专利转化运用专项行动实施方案"]),  # by 文号
        ("第二批资金细则", ["上海市知识产权运营服务体系建设第二批专项资金实施细则"]),
        ("刑法", []),  # nothing shares two characters in a row
    ],
)
def test_the_best_documents_for_a_hint(hint, expected):
    assert [d.title for d in LIBRARY.best_by_hint(hint)] == expected
