"""One ONNX Runtime setting both int8 models need: the same scores on every x86 CPU.

On x86 CPUs without VNNI (AVX2, or AVX-512 without VNNI: the AMD EPYC of 2026-12-04), ONNX Runtime multiplies the
dynamically quantized activations (u8) by the int8 weights (s8) with an instruction whose 16-bit intermediate
saturates, so large products are clipped and the scores move: a briefing's "150, 140, 150 yards" scored 1.9 there
against 4.2 with VNNI, and a reply the bot answers with on one machine was "related only" on the other.
`session.x64quantprecision` makes ONNX Runtime turn the weights to u8 at load and use its u8u8 kernel, which does
not saturate; on VNNI CPUs the kernel is exact already. It costs about a quarter more time per run on the CPUs it
changes (README "Reliability").
"""
from __future__ import annotations

from typing import Any

PRECISE_INT8 = "session.x64quantprecision"


def precise_int8(options: Any) -> None:
    """Ask an onnxruntime.SessionOptions for the non-saturating int8 matrix multiply."""
    options.add_session_config_entry(PRECISE_INT8, "1")
