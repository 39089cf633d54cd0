"""Evaluation: the hand-written dev set over the bundled corpus, its metrics, and the
LawBench recitation benchmark over real laws."""

from eval.harness import EvalReport, format_report, load_devset, resolve_gold, run_eval
from eval.recitation import RecitationReport, format_recitation, recitation_paths, run_recitation

__all__ = [
    "EvalReport",
    "RecitationReport",
    "format_recitation",
    "format_report",
    "load_devset",
    "recitation_paths",
    "resolve_gold",
    "run_eval",
    "run_recitation",
]
