"""Embedding throughput: nploy's build encoder in float32 and in bfloat16 against raw
`SentenceTransformer.encode` on the same texts, in the same run, with each one's cosine agreement to the raw
float32 vectors and the bfloat16 / float32 ratio; optionally the model exported to ONNX (fp32 and dynamic int8).

    python bench/embedding_throughput.py [--data-dir data/real-eval] [--texts 512] [--onnx]

bfloat16 is what ``NPLOY_EMBED_DTYPE=auto`` picks on a CPU with AMX or AVX-512 BF16; the line above the table
says which this CPU has and what auto picks here.

--onnx needs `onnx` and `onnxruntime` (not installed by requirements.txt); the export runs offline
from the bundled model with torch.onnx.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from nploy import settings
from nploy.dataset import open_dataset
from nploy.hardware import cpu_flags, cpu_model
from nploy.index.embedding import SentenceTransformerEncoder, model_name
from nploy.index.precision import BF16_FLAGS, embed_dtype
from nploy.index.texts import listing_texts


def timed(fn) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def onnx_rows(encoder: SentenceTransformerEncoder, texts: list[str], reference: np.ndarray, raw_s: float) -> list[tuple]:
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    bert = encoder.model[0].auto_model.eval()
    tokenizer = encoder.model.tokenizer

    class Wrapped(torch.nn.Module):  # keyword arguments: transformers 5's forward takes them by name
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = Path(tmp) / "model.onnx", Path(tmp) / "model-int8.onnx"
        names = ["input_ids", "attention_mask", "token_type_ids"]
        sample = tokenizer(["a"], return_tensors="pt")
        torch.onnx.export(
            Wrapped(bert),
            tuple(sample[n] for n in names),
            str(fp32),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
        for label, path in (("onnx fp32", fp32), ("onnx int8 (dynamic)", int8)):
            options = ort.SessionOptions()
            options.intra_op_num_threads = os.cpu_count() or 1
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            seconds, vectors = timed(lambda s=session: _onnx_encode(s, tokenizer, texts, encoder.batch_size))
            cosine = (vectors * reference).sum(axis=1)
            rows.append((label, len(texts) / seconds, raw_s / seconds, float(cosine.mean()), float(cosine.min())))
    return rows


def _onnx_encode(session, tokenizer, texts: list[str], batch_size: int) -> np.ndarray:
    order = np.argsort([-len(t) for t in texts], kind="stable")
    out = np.zeros((len(texts), 384), dtype="float32")
    for start in range(0, len(texts), batch_size):
        rows = order[start : start + batch_size]
        encoded = tokenizer([texts[i] for i in rows], padding=True, truncation=True, max_length=128, return_tensors="np")
        feeds = {n: encoded[n].astype("int64") for n in ("input_ids", "attention_mask", "token_type_ids")}
        hidden = session.run(None, feeds)[0]
        mask = encoded["attention_mask"][..., None].astype("float32")
        pooled = (hidden * mask).sum(axis=1) / mask.sum(axis=1)
        out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="data")
    parser.add_argument("--texts", type=int, default=512)
    parser.add_argument("--onnx", action="store_true")
    args = parser.parse_args()
    table = open_dataset(args.data_dir).table().sample(n=args.texts, random_state=1)
    texts = listing_texts(table)
    encoder = SentenceTransformerEncoder(dtype="float32")
    half = SentenceTransformerEncoder(dtype="bfloat16")
    model = encoder.model
    batch = int(settings.get("batch_size"))
    encoder.encode(texts[:batch])  # warm-up: first-call allocations are not throughput
    half.encode(texts[:batch])
    raw_s, reference = timed(lambda: model.encode(texts, batch_size=batch, normalize_embeddings=True, show_progress_bar=False))
    ours_s, ours = timed(lambda: encoder.encode(texts))
    half_s, halves = timed(lambda: half.encode(texts))
    flags = [f for f in BF16_FLAGS if f in cpu_flags()] or ["none"]
    print(f"cpu: {cpu_model()}  bfloat16 flags: {', '.join(flags)}  NPLOY_EMBED_DTYPE=auto picks: {embed_dtype('cpu', 'auto')}")
    print(f"texts: {len(texts)}  model: {model_name()}  max tokens: {model.max_seq_length}  batch: {batch}")
    print(f"{'encoder':<28}{'texts/s':>9}{'vs raw':>8}{'cos mean':>10}{'cos min':>9}")
    print(f"{'raw SentenceTransformer':<28}{len(texts) / raw_s:>9.1f}{1.0:>8.2f}{1.0:>10.4f}{1.0:>9.4f}")
    for label, seconds, vectors in (
        ("nploy build encoder float32", ours_s, ours),
        ("nploy build encoder bfloat16", half_s, halves),
    ):
        agreement = (vectors * reference).sum(axis=1)
        print(f"{label:<28}{len(texts) / seconds:>9.1f}{raw_s / seconds:>8.2f}{agreement.mean():>10.4f}{agreement.min():>9.4f}")
    print(f"bfloat16 / float32 throughput: {ours_s / half_s:.2f}x")
    if args.onnx:
        for label, rate, ratio, mean, low in onnx_rows(encoder, texts, reference, raw_s):
            print(f"{label:<28}{rate:>9.1f}{ratio:>8.2f}{mean:>10.4f}{low:>9.4f}")


if __name__ == "__main__":
    main()
