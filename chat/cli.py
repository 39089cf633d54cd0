"""`policykb` command line: index, docs, clauses, show, ask, eval, serve."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from datetime import date
from pathlib import Path

from kb.config import BUNDLED_CORPUS, PROJECT_ROOT, Settings, load_settings


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(data_dir=args.data_dir, as_of=getattr(args, "as_of", None))


def _engine(args: argparse.Namespace, ensure: bool = True):
    from chat.engine import Engine

    engine = Engine.open(_settings(args))
    if ensure:
        report = engine.ensure_indexed(progress=sys.stderr.isatty())
        if report is not None:
            print(report.summary(), file=sys.stderr)
    return engine


def cmd_index(args: argparse.Namespace) -> int:
    from indexer.pipeline import index_paths
    from kb.store import KnowledgeBase

    kb = KnowledgeBase.open(_settings(args))
    paths = [Path(p) for p in args.paths] or [BUNDLED_CORPUS]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"找不到路径：{', '.join(missing)}", file=sys.stderr)
        return 2
    report = index_paths(kb, paths, progress=not args.quiet)
    print(report.summary())
    return 1 if report.failed and not (report.added or report.updated or report.skipped) else 0


def cmd_docs(args: argparse.Namespace) -> int:
    from chat.compose import STATUS_TEXT

    engine = _engine(args)
    as_of = engine.settings.today()
    for doc in engine.kb.documents():
        status = doc.status(as_of)
        period = []
        if doc.effective_date:
            period.append(f"施行 {doc.effective_date}")
        if doc.expiry_date:
            period.append(f"有效期至 {doc.expiry_date}")
        print(f"{doc.doc_id}\t{doc.title}\t{doc.doc_number or '-'}\t{STATUS_TEXT[status]}\t{'，'.join(period) or '-'}")
    return 0


CLAUSE_COLUMNS = ["clause_id", "document", "label", "heading_path", "units", "deadlines", "amounts", "kinds", "text"]


def _clause_row(clause, doc) -> dict[str, str]:
    return {
        "clause_id": clause.clause_id,
        "document": doc.title if doc else clause.doc_id,
        "label": clause.label,
        "heading_path": " › ".join(clause.heading_path),
        "units": "、".join(f"{u.name}({u.role})" for u in clause.meta.units),
        "deadlines": "、".join(f"{d.iso}({d.raw})" for d in clause.meta.dates if d.kind == "deadline"),
        "amounts": "、".join(a.raw for a in clause.meta.amounts),
        "kinds": ",".join(clause.meta.kinds),
        "text": clause.text,
    }


def cmd_clauses(args: argparse.Namespace) -> int:
    engine = _engine(args)
    unit = engine.resolve_unit(args.unit) if args.unit else None
    doc_id = None
    if args.doc:
        doc_id = _resolve_doc(engine, args.doc)
        if doc_id is None:
            print(f"未找到文档“{args.doc}”", file=sys.stderr)
            return 2
    due = date.fromisoformat(args.due_before) if args.due_before else None
    clauses = engine.kb.clauses(doc_id=doc_id, unit=unit, kind=args.kind, due_before=due)
    docs = {d.doc_id: d for d in engine.kb.documents()}
    rows = [_clause_row(c, docs.get(c.doc_id)) for c in clauses]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CLAUSE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    elif args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            extra = "  ".join(x for x in (r["units"], r["deadlines"], r["amounts"]) if x)
            print(f"{r['clause_id']}  {r['document']} {r['label']}  {extra}")
    print(f"共 {len(rows)} 条", file=sys.stderr)
    return 0


def _resolve_doc(engine, name: str) -> str | None:
    from kb.retrieve import rank_documents_by_hint

    docs = engine.kb.documents()
    if any(d.doc_id == name for d in docs):
        return name
    exact = [d for d in docs if name in (d.title, d.doc_number)]
    if exact:
        return exact[0].doc_id
    ranked = rank_documents_by_hint(name, engine.kb.titles(), engine.settings.today())
    return ranked[0].doc_id if ranked else None


def cmd_show(args: argparse.Namespace) -> int:
    engine = _engine(args)
    clause = engine.kb.clause(args.clause_id)
    if clause is None:
        print(f"未找到条款“{args.clause_id}”", file=sys.stderr)
        return 2
    doc = engine.kb.document(clause.doc_id)
    print(json.dumps({"document": doc.model_dump(mode="json") if doc else None, "clause": clause.model_dump(mode="json")}, ensure_ascii=False, indent=2))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    questions = [args.question] if args.question else [line.strip() for line in sys.stdin if line.strip()]
    for question in questions:
        answer = engine.ask(question, session_id=args.session or "cli")
        if args.json:
            print(answer.model_dump_json(indent=2))
            continue
        print(answer.answer)
        if answer.citations:
            print("\n依据：")
            for i, c in enumerate(answer.citations, 1):
                badge = "有效" if c.valid else "已失效/非政策"
                print(f"[{i}] 《{c.doc_title}》{c.doc_number} {c.cite or c.label}（{badge}）")
                if c.context:  # an item of an article: the article's lead, then the item verbatim
                    print(f"    {c.context}")
                    print("    " + "\n    ".join(line.strip() for line in c.text.strip().splitlines() if line.strip()))
        print()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    names = ["intents", "applicants", "seeds", "stard", "ncpqa"] if args.set == "all" else [args.set]
    figures: dict[str, object] = {}
    for name in names:
        if name == "intents":
            figures["intents"] = _eval_intents()
        elif name == "applicants":
            figures["applicants"] = _eval_applicants()
        elif name == "seeds":
            figures["seeds"] = _eval_seeds(args)
        else:
            figures[name] = _eval_realset(args, name, len(names) > 1)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _eval_intents() -> dict:
    from eval.intent_report import format_intent_report, intent_report

    held, fitted = intent_report()
    print(format_intent_report(held, fitted))
    return {
        "held_out": {"n": held.n, "accuracy": held.accuracy},
        "fitted": {"n": fitted.n, "accuracy": fitted.accuracy},
        "per_intent": {i: dict(zip(("precision", "recall"), held.precision_recall(i), strict=True)) for i in sorted({g for g, _ in held.confusion})},
    }


def _eval_applicants() -> dict:
    from eval.applicant_report import applicant_scores, format_applicants, load_pairs

    scores = applicant_scores(load_pairs())
    print(format_applicants(scores))
    return {name: {"precision": s.precision, "recall": s.recall, "tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn} for name, s in scores.items()}


def _eval_seeds(args: argparse.Namespace) -> dict:
    from dataclasses import asdict

    from eval.harness import format_report, run_eval
    from eval.refusal_report import format_refusals, run_out_of_scope

    engine = _engine(args)
    report = run_eval(engine, engine.retriever, Path(args.devset), modes=tuple(args.modes))
    print(format_report(report))
    out_of_scope = run_out_of_scope(engine)
    print(format_refusals(out_of_scope, report.refusal.fp, report.n_answerable))
    if args.recitation:
        from eval.recitation import format_recitation, recitation_paths, run_recitation
        from indexer.pipeline import index_paths

        index_paths(engine.kb, recitation_paths(Path(args.recitation)), progress=sys.stderr.isatty())
        engine.kb.invalidate()
        print(format_recitation(run_recitation(engine, Path(args.recitation))))
    return {
        "embedder": engine.settings.embedder,
        "n_questions": report.n_questions,
        "rows": {"engine": asdict(report.engine), **{m: asdict(s) for m, s in report.retrieval.items()}},
        "fact_accuracy": report.fact_accuracy,
        "refusal": {"precision": report.refusal.precision, "recall": report.refusal.recall},
        "out_of_scope": {
            "recall": out_of_scope.recall,
            "precision": out_of_scope.precision(report.refusal.fp),
            "answerable_refused": report.refusal.fp / max(report.n_answerable, 1),
        },
    }


def _eval_realset(args: argparse.Namespace, name: str, several: bool) -> dict:
    from eval.realsets import evaluate, format_real_report

    work_dir = Path(args.work_dir) / name if args.work_dir and several else args.work_dir
    report = evaluate(
        name,
        _settings(args),
        work_dir=work_dir,
        limit=args.limit,
        half=args.half,
        modes=tuple(args.modes),
        distractors=args.distractors,
        shared=Path(args.shared_dir),
        progress=sys.stderr.isatty(),
    )
    print(format_real_report(report))
    return report.figures()


def cmd_serve(args: argparse.Namespace) -> int:
    from chat.serve import serve

    serve(host=args.host, port=args.port, settings=_settings(args))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policykb", description="政策知识库：索引、查询、问答与服务")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="数据目录（默认 $POLICYKB_DATA_DIR，否则 ./data）")
    common.add_argument("--as-of", help="以该日期判断有效性（YYYY-MM-DD，默认今天）")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", parents=[common], help="索引文件或目录（默认：自带语料 corpus/）")
    p.add_argument("paths", nargs="*")
    p.add_argument("--quiet", action="store_true", help="不显示进度条")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("docs", parents=[common], help="列出文档及其有效性")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("clauses", parents=[common], help="按单位、类型、截止日期、文档列出条款")
    p.add_argument("--unit")
    p.add_argument("--kind")
    p.add_argument("--due-before")
    p.add_argument("--doc")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text")
    p.set_defaults(func=cmd_clauses)

    p = sub.add_parser("show", parents=[common], help="显示一个条款及其元数据")
    p.add_argument("clause_id")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("ask", parents=[common], help="提问（不带问题则逐行读取标准输入）")
    p.add_argument("question", nargs="?")
    p.add_argument("--session")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", parents=[common], help="在开发集上评测检索与回答")
    p.add_argument("--devset", default=str(Path(__file__).resolve().parent.parent / "eval" / "devset.jsonl"))
    p.add_argument("--recitation", help="lawbench_recitation.jsonl：同时评测法条背诵查找")
    p.add_argument(
        "--set",
        choices=["intents", "applicants", "seeds", "stard", "ncpqa", "all"],
        default="seeds",
        help="intents：意图分类（留出的五分之一）；applicants：申报主体判定（标注的主体-项目对）；seeds：自带开发集（用 --data-dir 的索引）；stard / ncpqa：真实问题集，先把其语料索引到评测目录",
    )
    p.add_argument("--limit", type=int, help="stard/ncpqa：只问前 N 题，只索引其标准答案文档加 --distractors 篇干扰文档")
    p.add_argument("--distractors", type=int, default=5, help="与 --limit 同用：额外索引的干扰文档数（默认 5）")
    p.add_argument("--half", choices=["fit", "test", "all"], default="all", help="stard/ncpqa：按题目 id 哈希固定划分的一半")
    p.add_argument("--work-dir", help="stard/ncpqa：持久评测目录（增量索引，可复用；默认临时目录）；--set all 时每个集一个子目录")
    modes = ["hybrid", "fused", "hybrid_rrf", "bm25", "dense"]  # eval.realsets.DEFAULT_MODES, not imported at start-up
    p.add_argument("--modes", nargs="+", choices=modes, default=modes)
    p.add_argument("--json", help="把各项指标写入该 JSON 文件")
    p.add_argument("--shared-dir", default=str(PROJECT_ROOT.parent / "shared"), help="真实数据所在目录（默认 ../shared）")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", parents=[common], help="启动 HTTP API 与网页聊天（/ui）")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    from chat.errors import UserInputError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserInputError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
