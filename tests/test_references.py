"""A passage that only names other documents ("（1）《…公告》（2020年第8号）", the legal basis a
guide lists under each measure) matches every word of those titles and says nothing of them: the
passages that state the measure come first."""

from __future__ import annotations

import pytest

from chat.engine import only_names_documents
from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

GUIDE = {
    "示例省防疫税收优惠政策指引.txt": (
        "示例省防疫税收优惠政策指引\n"
        "一、支持防护救治\n"
        "1.对防疫物资生产企业新购置的扩产设备，允许一次性计入当期成本费用在企业所得税税前扣除。\n"
        "政策依据：\n"
        "（1）《财政部 税务总局关于支持防疫物资生产企业扩大产能有关企业所得税政策的公告》（2020年第8号）\n"
        "（2）《国家税务总局关于支持防疫物资生产企业扩大产能有关企业所得税征收管理事项的公告》（2020年第4号）\n"
        "2.对运输防疫物资取得的收入，免征增值税。\n"
    ),
}

guide = engine_fixture(GUIDE)


@pytest.mark.parametrize("question", ["支持防疫物资生产企业扩大产能有什么企业所得税政策？", "生产企业扩大产能有关企业所得税政策是什么？"])
def test_the_passage_stating_the_measure_leads_the_references_to_its_basis(guide, question):
    """The questions share more words with the referenced titles than with the measure itself."""
    answer = guide.ask(question)
    assert answer.answerable
    assert "一次性计入当期成本费用" in answer.citations[0].text


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("（1）《财政部 税务总局关于支持防疫物资生产企业扩大产能有关企业所得税政策的公告》（2020年第8号）", True),
        ("依据《中华人民共和国专利法》", True),
        ("第五条 按照《服务业发展资金管理办法》规定，对企业给予补贴。", False),
        ("4.纳税人提供防疫物资运输收入免征增值税；", False),
    ],
)
def test_a_bare_reference_is_told_from_a_passage_that_cites_its_basis(text, reference):
    assert only_names_documents(text) is reference
