"""Greetings, thanks and "what can you do": no policy question, so no clause to cite, but a person
who types "你好" into the web chat should learn what to ask rather than read a refusal.

The replies are not answers (the engine returns them as refusals: nothing in the corpus is their
basis); the help reply names the documents held, from the catalog, and the kinds of questions
the engine answers with citations.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kb.models import Document
from kb.textnorm import nfkc

_TAIL = r"[啊呀呢吧哦嘛~～!！。.?？\s]*"
_GREETING = re.compile(
    rf"^(你好|您好|你们好|嗨|哈喽|hi|hello|在吗|在么|在不在|早上好|上午好|中午好|下午好|晚上好|早安|早)({_TAIL}|，?请问)?{_TAIL}$",
    re.I,
)
_WHO = re.compile(
    rf"^(你|您)(是谁|是什么|叫什么(名字)?|能(做|干)(些)?什么|可以(做|干)(些)?什么|会(做|干)?(些)?什么|有(什么|哪些)功能|能回答(什么|哪些)(问题)?){_TAIL}$|^(怎么|如何)使用{_TAIL}$|^(帮助|help|使用说明){_TAIL}$",
    re.I,
)
_THANKS = re.compile(r"^(谢谢|多谢|感谢|谢了|thanks?|thank you)[^？?]{0,12}$", re.I)
_FAREWELL = re.compile(rf"^(再见|拜拜|bye|晚安|回头见){_TAIL}$", re.I)
MAX_LISTED = 6


def small_talk_reply(question: str, documents: Callable[[], list[Document]]) -> str | None:
    """The reply to a greeting, a question about the assistant, thanks or a goodbye; None for
    anything else (a policy question, or chit-chat the help would not answer: jokes, poems). The
    documents held are read only for the help."""
    text = nfkc(question).strip()
    if _GREETING.match(text) or _WHO.match(text):
        return help_text(documents())
    if _THANKS.match(text):
        return "不客气。还有政策方面的问题，可以继续问我。"
    if _FAREWELL.match(text):
        return "再见。需要查政策时欢迎再来。"
    return None


def help_text(documents: list[Document]) -> str:
    """Who answers, from what, and what to ask: the documents held (from the catalog) and the kinds
    of questions answered with the clauses cited."""
    names = [f"《{d.title}》" for d in documents[:MAX_LISTED]]
    more = f"等{len(documents)}份文件" if len(documents) > MAX_LISTED else f"共{len(documents)}份文件"
    held = f"政策库现有{'、'.join(names)}{more}。" if documents else "政策库中还没有文件。"
    return "\n".join(
        [
            "您好！我是政策问答助手，只依据政策库中的文件作答，每个回答都引用所依据的条款原文；库中没有依据的问题，我会直接说明。",
            held,
            "可以这样问：",
            "- 哪些单位能申请、能拿多少：“医院能申请哪些项目？最多给多少钱？”",
            "- 条件与排除情形：“申报项目要满足什么条件？”",
            "- 部门职责与时限：“市知识产权局负责哪些任务？什么时候完成？”",
            "- 目标与期限、文件是否有效：“这个方案定了哪些目标？现在还有效吗？”",
        ]
    )
