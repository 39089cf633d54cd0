"""Who applies for a funded program (indexer.extract_applicants): the grammatical role of each
subject word decides, not its presence. The sentences here are written for the test, in the
phrasings of funding clauses; the labelled pairs in eval/applicants.jsonl measure the rules."""

from __future__ import annotations

import pytest

from eval.applicant_report import APPLICANTS_FILE, applicant_scores, load_pairs
from indexer.extract_applicants import applicants


@pytest.mark.parametrize(
    ("text", "applies", "does_not"),
    [
        ("对符合条件的小微企业给予一次性补贴5000元。", ["中小企业"], []),
        ("支持商业银行为小微企业提供信用贷款，按放款额的1%给予风险补偿。", ["商业银行"], ["中小企业"]),
        ("委托专业机构，编制面向高校、医院的专利工作指引，一次性给予20万元。", ["知识产权服务机构"], ["高校", "医院"]),
        ("在本市担保机构中择优遴选2家，每家奖励10万元。", ["担保机构"], []),
        ("养老机构为失能老年人提供助浴服务的，按每人每次20元给予补贴。", ["养老服务机构"], ["老年人"]),
        ("银行向企业发放贷款的，财政按贷款利息的50%给予贴息。", [], ["商业银行"]),
        ("孤儿基本生活补贴标准为每人每月2000元。", ["孤儿"], []),
        ("每年安排50万元经费支持港澳青年创新创业服务中心运营。", [], ["港澳青年"]),
        ("行业协会依托知识产权服务机构搭建交易平台的，给予协会30万元支持。", ["行业协会"], ["知识产权服务机构"]),
        ("用人单位招用就业困难人员的，按每人3000元给予用人单位吸纳就业补贴。", ["用人单位"], ["就业困难人员"]),
        ("高校毕业生自主创业的，可申请一次性创业补贴1万元。", ["高校毕业生"], []),
        ("支持金融机构加大对小微企业的信贷投放，对小微企业新增贷款给予50%贴息。", ["中小企业"], ["金融机构"]),
        ("支持商业银行开展知识产权质押贷款，按放款额的0.1%给予贷款服务团队奖补。", ["商业银行"], []),
        ("企业职工取得高级技能证书的，按每人2000元给予职工本人补贴。", [], ["企业"]),
        ("社区卫生人员在三级医院进修满半年的，按每人每月1500元给予进修补助。", [], ["医院"]),
        ("企业委托高等学校开展技术攻关的，按合同额的20%给予企业补助。", ["企业"], ["高校"]),
        ("委托高等学校开展产业专利导航研究，一次性给予50万元经费。", ["高校"], []),
    ],
)
def test_a_subject_applies_only_in_a_recipients_role(text, applies, does_not):
    found = applicants(text)
    assert all(s in found for s in applies), (found, applies)
    assert not any(s in found for s in does_not), (found, does_not)


def test_the_labelled_pairs_are_well_formed_and_cover_every_set():
    rows = load_pairs()
    assert len(rows) >= 60 and {r["set"] for r in rows} == {"dev", "second", "held_out", "written"}


def test_listing_by_applicant_role_beats_listing_every_mention_on_every_set():
    """Listing every clause that mentions the asker's kind has the share of true pairs as its
    precision; the role rules must do better on each set, and reach 0.95 where they were written."""
    rows = load_pairs()
    scores = applicant_scores(rows)
    for name, s in scores.items():
        of_set = [r for r in rows if r["set"] == name]
        mention_precision = sum(r["applicant"] for r in of_set) / len(of_set)
        assert s.precision is not None and s.precision > mention_precision, (name, s.precision, mention_precision)
    assert scores["dev"].precision >= 0.95


def test_a_bad_labelled_line_is_named(tmp_path):
    bad = tmp_path / "applicants.jsonl"
    bad.write_text(APPLICANTS_FILE.read_text(encoding="utf-8").splitlines()[0].replace('"applicant": true', '"applicant": "yes"').replace('"applicant": false', '"applicant": "no"') + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="applicants.jsonl:1"):
        load_pairs(bad)


def test_a_run_on_text_without_sentence_ends_is_read_in_pieces_and_still_found():
    """A flattened table has no sentence ends; it is read in bounded pieces (the role tests look
    back and ahead within one), so an applicant deep inside is still found."""
    text = "、".join(["某某事项"] * 2000) + "。对小微企业给予一次性补贴5000元。"
    assert "中小企业" in applicants(text)
    assert "中小企业" in applicants("，".join(["项目名称金额"] * 300) + "，对小微企业给予补贴")
