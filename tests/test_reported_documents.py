"""A news item that reports another document ("2月1日，市市场监管局印发倡议书"): asked when that
document was issued, the answer is the sentence that says so, not the news item's own validity."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "示例市市场监管网上办理比例过九成.txt": (
        "示例市市场监管网上办理比例过九成 3月5日示例市市场监管局发布消息称，截至目前，全市通过网上办理各类市场主体登记800余件，"
        "网上办理比例达到91.5%。 记者注意到，2月20日，示例市市场监管局印发倡议书，倡导市场主体通过全程电子化方式办理登记业务。"
        "对于紧急事项，通过电话预约办理。 对于防疫用品企业，市场监管部门实行特事特办，第一时间办好营业执照。"
    ),
    "示例市关于支持中小企业共渡难关的若干措施.txt": (
        "示例市人民政府办公厅关于支持中小企业共渡难关的若干措施\n"
        "示政办发〔2020〕9号\n"
        "一、减免房租。对承租国有资产类经营用房的中小企业，免收2个月房租。\n"
        "二、延期缴纳税款。受疫情影响的中小企业可依法延期缴纳税款，最长不超过3个月。\n"
        "本措施自2020年2月10日起施行，有效期至2020年12月31日。\n"
    ),
}
AS_OF = date(2020, 6, 1)

engine = engine_fixture(TEXTS)


def test_when_a_reported_document_was_issued_is_answered_from_the_report(engine):
    answer = engine.ask("示例市市场监管局什么时候印发倡议书？", as_of=AS_OF)
    assert answer.answerable
    assert "2月20日" in answer.citations[0].text and "印发倡议书" in answer.citations[0].text
    assert "未注明施行日期" not in answer.answer


def test_a_documents_own_validity_is_still_answered_from_its_dates(engine):
    answer = engine.ask("示例市支持中小企业共渡难关的若干措施什么时候到期？", as_of=AS_OF)
    assert "有效期至2020年12月31日" in answer.answer
