"""Eligibility across places: a question naming a province is answered with that province's
programs, never with another's, over a real index of two small written notices."""

from __future__ import annotations

import pytest

from kb.config import Settings

pytestmark = pytest.mark.slow

NOTICES = {
    "浙江省支持中小企业若干措施": (
        "浙江省人民政府办公厅关于支持中小企业共渡难关的若干措施\n"
        "一、对受疫情影响的中小企业，按实际缴纳房租的50%给予房租补贴，每家最高10万元。\n"
        "二、支持银行机构对中小企业新增贷款，由省财政按贷款利息的50%给予企业贴息。\n"
    ),
    "广东省支持中小企业若干措施": (
        "广东省人民政府办公厅关于支持中小企业复工复产的若干措施\n"
        "一、对中小企业新招用员工的，按每人3000元给予一次性吸纳就业补贴。\n"
        "二、对中小企业参加展会的，按展位费的80%给予补助，每家最高20万元。\n"
    ),
}


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory):
    from chat.engine import Engine
    from indexer.pipeline import index_paths

    root = tmp_path_factory.mktemp("provinces")
    (root / "corpus").mkdir()
    for name, text in NOTICES.items():
        (root / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
    engine = Engine.open(Settings(data_dir=root / "data"))
    report = index_paths(engine.kb, [root / "corpus"], progress=False)
    assert len(report.added) == 2 and not report.failed
    yield engine
    engine.kb.close()


@pytest.mark.parametrize(("province", "other"), [("浙江省", "广东省"), ("广东省", "浙江省")])
def test_a_province_named_in_an_eligibility_question_gets_its_own_programs_only(two_provinces, province, other):
    answer = two_provinces.ask(f"我们是{province}的一家小微企业，可以申请哪些补贴？")
    assert answer.answerable and answer.citations
    assert all(province[:2] in c.doc_title for c in answer.citations), [c.doc_title for c in answer.citations]
    assert other not in answer.answer


def test_without_a_place_the_programs_of_both_provinces_are_listed(two_provinces):
    answer = two_provinces.ask("我们是一家小微企业，可以申请哪些补贴？")
    titles = {c.doc_title[:2] for c in answer.citations}
    assert titles == {"浙江", "广东"}, titles
