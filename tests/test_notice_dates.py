"""When was a notice issued, when does a 公告 take effect: over a real index of flattened notices
(a whole page on one line, as portals save them), the answer gives the date the text states and
cites the passage that states it."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

_MEASURES = "".join(
    f"{n}、{topic}。对受疫情影响的企业，{topic}期间相关事项可以在网上办理，办理时限压缩一半，并安排专人跟踪服务，及时协调解决企业遇到的困难和问题。"
    for n, topic in zip("一二三四五六", ("延长行政许可期限", "优化登记服务", "强化标准化服务", "优化检验服务", "加强价格监管", "做好知识产权服务"), strict=True)
)
NOTICES = {
    "a1.txt": (
        "市市场监管委印发关于服务企业第二批措施的通知 内容概述 各区局，委机关各处室： "
        "根据市场监管总局有关要求，市市场监管委研究制定了《关于服务企业的第二批措施》。现予以印发，请遵照执行。 "
        f"2020年2月19日 关于服务企业的第二批措施 {_MEASURES}"
    ),
    "b2.txt": (
        "关于支持疫情防控有关税收政策的公告 财政部 税务总局公告2020年第8号 "
        "为进一步做好疫情防控工作，支持相关企业发展，现就有关税收政策公告如下： "
        "一、对疫情防控重点保障物资生产企业为扩大产能新购置的相关设备，允许一次性计入当期成本费用在企业所得税税前扣除。"
        "二、对纳税人运输疫情防控重点保障物资取得的收入，免征增值税。"
        "三、受疫情影响较大的困难行业企业2020年度发生的亏损，最长结转年限由5年延长至8年。"
        "四、本公告自2020年1月1日起实施，截止日期视疫情情况另行公告。 财政部 税务总局 2020年2月6日"
    ),
}


notices = engine_fixture(NOTICES)


def test_a_notice_is_dated_by_its_signature_and_the_signed_passage_is_cited(notices):
    answer = notices.ask("市市场监管委什么时候发布了《关于服务企业的第二批措施》？")
    assert answer.answerable and "2020年2月19日" in answer.answer
    assert "2020年2月19日" in answer.citations[0].text


def test_a_gonggao_is_found_by_its_number_and_its_start_date_cited(notices):
    answer = notices.ask("财政部、税务总局公告2020年第8号什么时候开始实施？")
    assert answer.answerable and "2020年1月1日" in answer.answer
    assert "本公告自2020年1月1日起实施" in answer.citations[0].text
    assert all(c.doc_id == "b2" for c in answer.citations)
