"""A user's short form of a term the policy spells out ("公租房" for 公共租赁住房, "社保" for 社会保险):
the passages stating it hold the question's word, so the answer rests on them, not on a refusal."""

from __future__ import annotations

import pytest

from kb.overlap import abbreviates, found_in, short_forms, weighted_coverage
from tests.conftest import engine_fixture


@pytest.mark.parametrize(
    ("word", "text"),
    [("公租房", "申请公共租赁住房保障应当"), ("社保", "缴纳社会保险费"), ("个税", "个人所得税法"), ("高校", "高等学校"), ("医保", "基本医疗保险")],
)
def test_a_contraction_the_corpus_never_uses_is_found_in_the_term_it_shortens(word, text):
    assert abbreviates(word, text) and found_in(word, text, short_form=True)
    assert not found_in(word, text)  # a word the corpus uses is not looked for scattered ("延长")


@pytest.mark.parametrize(
    ("word", "text"),
    [("公租房", "公共服务设施和租赁市场的住房"), ("海王星", "海洋经济发展规划"), ("高校", "高新技术企业的学校"), ("税", "个人所得税")],
)
def test_characters_scattered_over_other_words_are_no_contraction(word, text):
    assert not abbreviates(word, text)


def test_coverage_reads_a_short_form_only_of_a_word_no_clause_uses():
    """"公租房" that no clause says is covered by 公共租赁住房; "延长", a word the corpus uses, is not
    looked for scattered over "延期…最长" (its own clauses say it where they mean it)."""
    used, unused = (lambda word: 0.5), (lambda word: 1.0)
    assert weighted_coverage(["公租房"], "申请公共租赁住房保障", unused, short_forms(["公租房"], unused)) == 1.0
    assert weighted_coverage(["延长"], "可延期缴纳最长不超过3个月", used, short_forms(["延长"], used)) == 0.0


HOUSING = {
    "housing.txt": (
        "示例市公共租赁住房管理办法\n"
        "第一条 为规范公共租赁住房管理，制定本办法。\n"
        "第二条 申请公共租赁住房保障应当同时符合下列条件：申请人具有本市城镇户籍；家庭人均可支配收入低于规定标准；在本市无自有住房。\n"
        "第三条 公共租赁住房实行轮候分配，市住房保障部门定期公布轮候结果。\n"
        "第四条 公共租赁住房租金标准由市住房城乡建设局会同市发展改革委确定。\n"
    ),
}

housing = engine_fixture(HOUSING)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["申请公租房要满足哪些条件？", "公租房的申请条件"])
def test_conditions_asked_of_a_contraction_are_answered_by_the_article_stating_them(housing, question):
    answer = housing.ask(question)
    assert answer.answerable and answer.citations[0].label == "第二条"
