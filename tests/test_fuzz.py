"""CI-sized slice of bench/fuzz.py: 300 hypothesis inputs through the whole text pipeline."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_SPEC = importlib.util.spec_from_file_location("kazkg_fuzz", Path(__file__).resolve().parent.parent / "bench" / "fuzz.py")
assert _SPEC and _SPEC.loader
fuzz = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = fuzz  # dataclasses look their module up while the file executes
_SPEC.loader.exec_module(fuzz)

INPUTS = (
    st.randoms(use_true_random=False).map(lambda rng: fuzz.make_input(rng)[1])
    | st.text(max_size=120)
    | st.binary(max_size=200)
)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(INPUTS)
def test_fuzz_pipeline_never_crashes_and_offsets_hold(value: str | bytes) -> None:
    fuzz.run_one(value)


def test_fuzz_rdf_stage_on_seeded_inputs() -> None:
    rng = random.Random(5)
    for _ in range(20):
        fuzz.run_one(fuzz.make_input(rng)[1], rdf=True)


def test_fuzz_generators_are_deterministic_and_varied() -> None:
    a = [fuzz.make_input(random.Random(3)) for _ in range(3)]
    b = [fuzz.make_input(random.Random(3)) for _ in range(3)]
    assert a == b
    kinds = {fuzz.make_input(random.Random(i))[0] for i in range(50)}
    assert kinds == {"kazakh", "unicode", "bytes"}


def test_fuzz_known_crash_is_a_regression_test() -> None:
    """Found by bench/fuzz.py: a capital with no lower-case form (ϒ U+03D2, 𝔄) before a suffix
    made morph._candidates recurse until RecursionError (mentions now catches it per word)."""
    from graph.lang.morph import nominative

    fuzz.run_one("Белсенді 𝔄ға келді.")
    fuzz.run_one("Белсенді ϒға келді.")
    assert nominative("ϒға") in ("ϒ", "ϒға")
    assert nominative("ϒЫҒА") in ("ϒЫ", "ϒЫҒА", "ϒы", "ϒыға")
