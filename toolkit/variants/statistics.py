"""Witness statistics: readings per witness and the witness-by-witness agreement matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.variants.apparatus import ApparatusEntry, Witness


@dataclass(frozen=True)
class WitnessCounts:
    """How often a witness is cited: for the lemma, for a variant reading, in a ``witDetail``."""

    siglum: str
    lemma: int
    variant: int
    details: int

    @property
    def readings(self) -> int:
        """Readings attested: lemma and variant citations together."""
        return self.lemma + self.variant


@dataclass(frozen=True)
class WitnessStatistics:
    """Per-witness counts and the agreement matrix over the same witnesses, in the same order.

    ``agreement[i][j]`` is the number of readings (``lem`` or ``rdg``) that cite both witness ``i`` and witness
    ``j``: in parallel segmentation, the number of ``app``s where the two attest the same reading. The diagonal is
    the number of readings a witness attests. ``shared[i][j]`` is the number of ``app``s citing both witnesses at
    all (for any reading), so ``agreement / shared`` is their rate of agreement where both are extant.
    """

    witnesses: tuple[str, ...]
    counts: tuple[WitnessCounts, ...]
    agreement: tuple[tuple[int, ...], ...]
    shared: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "witnesses": list(self.witnesses),
            "readings": {
                c.siglum: {"readings": c.readings, "lemma": c.lemma, "variant": c.variant, "details": c.details}
                for c in self.counts
            },
            "agreement": [list(row) for row in self.agreement],
            "shared": [list(row) for row in self.shared],
        }


def statistics(entries: Sequence[ApparatusEntry], witnesses: dict[str, Witness]) -> WitnessStatistics:
    """Count readings per witness and build the agreement matrix over ``entries``.

    The witnesses are those cited in ``entries`` plus those declared in a ``listWit`` (with zero counts when
    uncited), in declaration order, then undeclared sigla in order of first citation.
    """
    cited = {s for e in entries for s in e.witnesses()} | {s for e in entries for d in e.details for s in d.wit}
    order = tuple(s for s, w in witnesses.items() if w.declared or s in cited)
    position = {siglum: i for i, siglum in enumerate(order)}
    # One bit per reading (and one per app) for each witness: agreements are then popcounts of intersections,
    # which keeps 10,000 apps x 50 witnesses to 1,275 big-integer ANDs instead of millions of increments.
    reading_bits: list[list[int]] = [[] for _ in order]
    app_bits: list[list[int]] = [[] for _ in order]
    lemma = [0] * len(order)
    variant = [0] * len(order)
    details = [0] * len(order)
    bit = 0
    for number, entry in enumerate(entries):
        for reading in entry.all_readings():
            for siglum in reading.wit:
                i = position[siglum]
                reading_bits[i].append(bit)
                app_bits[i].append(number)
                if reading.role == "lem":
                    lemma[i] += 1
                else:
                    variant[i] += 1
            bit += 1
        for detail in entry.details:
            for siglum in detail.wit:
                details[position[siglum]] += 1
    readings_of = [_bitset(bits, bit) for bits in reading_bits]
    apps_of = [_bitset(bits, len(entries)) for bits in app_bits]
    size = len(order)
    agreement = [[0] * size for _ in range(size)]
    shared = [[0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i, size):
            agreement[i][j] = agreement[j][i] = (readings_of[i] & readings_of[j]).bit_count()
            shared[i][j] = shared[j][i] = (apps_of[i] & apps_of[j]).bit_count()
    counts = tuple(WitnessCounts(s, lemma[i], variant[i], details[i]) for i, s in enumerate(order))
    return WitnessStatistics(order, counts, tuple(map(tuple, agreement)), tuple(map(tuple, shared)))


def _bitset(positions: list[int], size: int) -> int:
    """An integer with the bits at ``positions`` set, built in linear time."""
    buffer = bytearray(size // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")
