"""A coach for vague reports: hints on how to write a daily report that says what was done — never a refusal.

Since 2026 the daily progress is the evidence of an ASN's performance and allowance (seed 004, Peraturan BKN
2/2026), and the seed's own advice is to "use an operational work sentence": "Menyusun draf laporan keuangan…"
is measurable, "Bekerja" is not. A supervisor cannot rate what a report does not say, so the form shows these
hints while the employee types, the supervisor's queue marks reports that still have them, and HR's recap counts
them. A hint is advice: a report with hints is filed like any other.

The rules, each with a code (`HintCode`) and a Bahasa Indonesia message with an example of a better text:

- ``TOO_SHORT``: a description of fewer than `MIN_WORDS` words cannot say what was done, to what, for whom;
- ``NO_WORK_VERB``: the description (the title while no description is written) does not start with an
  operational work verb (`WORK_VERBS`); "Bekerja" and nouns such as "Penyusunan …" or "Rapat …" do not;
- ``SAME_AS_YESTERDAY``: the description is the same text as one of the employee's reports of the previous
  day they reported (case, spacing and punctuation aside): a day's progress is that day's;
- ``LONGER_THAN_WORKDAY``: the activity lasts longer than a whole working day (`WORKDAY_MINUTES`);
- ``NO_OUTPUT``: the output is empty or a placeholder ("-", "selesai", "ok"…) instead of a product.

A field not written yet (``None`` or blank) gets no hint of its own: a half-filled form is not nagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

#: fewer words than this cannot name an activity, its object and its purpose ("Menyusun draf laporan keuangan")
MIN_WORDS = 4

#: Perpres 21/2023 tentang Hari Kerja dan Jam Kerja Instansi Pemerintah dan Pegawai ASN, Pasal 4: 37 jam 30 menit
#: a week over 5 working days (7.5 hours a day), not counting the break of 60 minutes (90 on Friday), starting
#: 07.30: a working day spans 07.30-16.00, 8.5 hours. An activity longer than that is several activities.
WORKDAY_MINUTES = 8 * 60 + 30


class HintCode(StrEnum):
    TOO_SHORT = "TOO_SHORT"
    NO_WORK_VERB = "NO_WORK_VERB"
    SAME_AS_YESTERDAY = "SAME_AS_YESTERDAY"
    LONGER_THAN_WORKDAY = "LONGER_THAN_WORKDAY"
    NO_OUTPUT = "NO_OUTPUT"


@dataclass(frozen=True)
class Hint:
    code: HintCode
    #: the field the hint is about, as a request names it
    field: str
    message: str
    #: a better text, to show after "Contoh:"
    example: str


@dataclass(frozen=True)
class Draft:
    """What the employee has written so far; any field may still be missing."""

    title: str | None = None
    description: str | None = None
    output: str | None = None
    start: time | None = None
    end: time | None = None


#: Operational work verbs an ASN report begins with (kata kerja operasional), in their meN-/ber- forms. Common
#: inflections are accepted too (`starts_with_work_verb`): -kan/-i/-nya and the unmelted spellings people write
#: (mengkoordinasikan). Left out on purpose: "bekerja", "mengerjakan", "kerja", which say nothing of what was done.
WORK_VERBS = frozenset(
    """
    menyusun mengolah melayani memeriksa menganalisis mengoordinasikan mengkoordinasikan berkoordinasi
    membuat menyiapkan mempersiapkan merancang mendesain merumuskan mengonsep mengkonsep menulis mengetik
    menyunting mengedit menerjemahkan mencetak memindai menggandakan mengarsipkan mendokumentasikan
    mengisi menginput mengentri mengunggah mengunduh memperbarui memutakhirkan mendata merekap merekapitulasi
    menghitung mencatat membukukan menginventarisasi mengumpulkan memetakan mengidentifikasi mengklasifikasi
    mengklasifikasikan mengelompokkan menyortir memverifikasi memvalidasi mengoreksi merevisi memperbaiki
    mereviu mereview mengaudit menilai mengevaluasi menelaah mengkaji meninjau memantau memonitor mengawasi
    mengendalikan menguji mengukur menginspeksi mensurvei menyurvei mengecek
    menyampaikan mengirim mengirimkan mendistribusikan menerima meneruskan membalas menjawab menanggapi
    mengagendakan menjadwalkan mengundang menghubungi mengonfirmasi mengkonfirmasi mengklarifikasi
    memfasilitasi mendampingi membimbing membina melatih mengajar memandu menjelaskan mensosialisasikan
    menyosialisasikan mempresentasikan memaparkan memimpin mengikuti menghadiri membahas
    mendiskusikan berkonsultasi berpartisipasi menangani menindaklanjuti memproses menyelesaikan melaksanakan
    melakukan mengelola menata mengatur memasang memelihara merawat membersihkan mengamankan
    menjaga mengantar mengemudikan menyetor menyalurkan membayar menagih menyerahkan mengajukan mengusulkan
    menetapkan menandatangani memberikan membantu melanjutkan mengembangkan mengimplementasikan menerapkan
    menginstal mengonfigurasi mengkonfigurasi memasukkan mengompilasi menyalin menggambar memotret meliput
    menginvestigasi meneliti mewawancarai
    """.split()  # noqa: SIM905 - a word list reads best as words
)

#: words that may come before the verb without making it less of one ("Telah menyusun …", "Turut menghadiri …")
_LEADING = frozenset({"telah", "sudah", "turut", "ikut", "kembali"})
#: outputs that name no product
_PLACEHOLDER_OUTPUTS = frozenset(
    {
        "",
        "-",
        "--",
        ".",
        "ok",
        "oke",
        "selesai",
        "sudah",
        "beres",
        "done",
        "nihil",
        "tidak ada",
        "ada",
        "terlaksana",
        "dilaksanakan",
        "laporan",
        "hasil",
        "x",
        "tuntas",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d+[.)]|[a-z][.)])\s*", re.IGNORECASE)

_EXAMPLE_ACTIVITY = "Menyusun draf laporan keuangan triwulan III Bidang Anggaran untuk direviu Kepala Bidang"
HINT_TEXTS: dict[HintCode, tuple[str, str]] = {
    HintCode.TOO_SHORT: (
        "Uraian ini terlalu singkat untuk menjelaskan apa yang Anda kerjakan. Sebutkan kegiatannya, apa yang "
        "dikerjakan, dan untuk apa.",
        _EXAMPLE_ACTIVITY,
    ),
    HintCode.NO_WORK_VERB: (
        "Awali uraian dengan kata kerja operasional yang menyebut apa yang Anda lakukan (menyusun, mengolah, "
        "melayani, memeriksa, …), bukan “Bekerja” atau kata benda seperti “Penyusunan …”.",
        "Memeriksa kelengkapan 25 berkas usulan kenaikan pangkat periode Oktober",
    ),
    HintCode.SAME_AS_YESTERDAY: (
        "Uraian ini sama dengan laporan Anda pada hari sebelumnya. Tuliskan kemajuan hari ini.",
        "Melanjutkan penyusunan bab III draf SOP pelayanan perizinan (halaman 12–20)",
    ),
    HintCode.LONGER_THAN_WORKDAY: (
        "Kegiatan ini lebih panjang dari satu hari kerja (8,5 jam: 37,5 jam seminggu ditambah istirahat, "
        "Perpres 21/2023). Pecah menjadi beberapa kegiatan dengan jamnya masing-masing.",
        "08.00–10.00 Memeriksa berkas usulan; 10.00–12.00 Menyusun rekap hasil pemeriksaan",
    ),
    HintCode.NO_OUTPUT: (
        "Sebutkan hasil kerja yang dapat ditunjukkan kepada atasan, bukan sekadar “selesai” atau “-”.",
        "Draf laporan keuangan triwulan III (12 halaman)",
    ),
}
#: each hint in a few words, for the supervisor's queue card and lists ("Saran penulisan: …")
HINT_LABELS = {
    HintCode.TOO_SHORT: "uraian terlalu singkat",
    HintCode.NO_WORK_VERB: "uraian tidak diawali kata kerja",
    HintCode.SAME_AS_YESTERDAY: "sama dengan laporan hari sebelumnya",
    HintCode.LONGER_THAN_WORKDAY: "lebih lama dari satu hari kerja",
    HintCode.NO_OUTPUT: "hasil kerja belum disebutkan",
}

#: the field each hint is about, as a request names it
_FIELDS = {
    HintCode.TOO_SHORT: "description",
    HintCode.NO_WORK_VERB: "description",
    HintCode.SAME_AS_YESTERDAY: "description",
    HintCode.LONGER_THAN_WORKDAY: "end_time",
    HintCode.NO_OUTPUT: "output",
}


def hint(code: HintCode, field: str | None = None) -> Hint:
    """The hint of ``code``, about ``field`` (by default the field the rule reads)."""
    message, example = HINT_TEXTS[code]
    return Hint(code, field or _FIELDS[code], message, example)


def words(text: str | None) -> list[str]:
    """The words of ``text``, lower case, without numbering, punctuation or figures."""
    return _WORD.findall(_BULLET.sub("", text or "").lower())


def _stems(word: str) -> set[str]:
    """``word`` and its forms without a suffix (-nya, -kan, -i), so "Melayani" and "melayankan" meet."""
    base = word.removesuffix("nya") if len(word) > 6 else word
    found = {word, base}
    for suffix in ("kan", "i"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 5:
            found.add(base.removesuffix(suffix))
    return found


_VERB_STEMS = frozenset(stem for verb in WORK_VERBS for stem in _stems(verb))


def starts_with_work_verb(text: str | None) -> bool:
    """Whether ``text`` begins (after numbering and "telah", "turut" …) with an operational work verb."""
    found = words(text)
    while found and found[0] in _LEADING:
        found = found[1:]
    return bool(found) and bool(_stems(found[0]) & _VERB_STEMS)


def same_text(a: str | None, b: str | None) -> bool:
    """The same words in the same order (case, spacing, punctuation and numbering aside); blank is never same."""
    left = words(a)
    return bool(left) and left == words(b)


def minutes_between(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def coach(draft: Draft, earlier: Iterable[str] = ()) -> list[Hint]:
    """The hints for ``draft``, in the order the form shows its fields; ``earlier``: the descriptions of the
    employee's reports of the previous day they reported."""
    found: list[Hint] = []
    description, output = (draft.description or "").strip(), (draft.output or "").strip()
    if description:
        if len(words(description)) < MIN_WORDS:
            found.append(hint(HintCode.TOO_SHORT))
        if not starts_with_work_verb(description):
            found.append(hint(HintCode.NO_WORK_VERB))
        if any(same_text(description, text) for text in earlier):
            found.append(hint(HintCode.SAME_AS_YESTERDAY))
    elif (draft.title or "").strip() and not starts_with_work_verb(draft.title):
        found.append(hint(HintCode.NO_WORK_VERB, "title"))
    if draft.start is not None and draft.end is not None and minutes_between(draft.start, draft.end) > WORKDAY_MINUTES:
        found.append(hint(HintCode.LONGER_THAN_WORKDAY))
    # a blank output is worth a hint once the description is written; a placeholder always
    if (output or description) and output.lower().rstrip(".!") in _PLACEHOLDER_OUTPUTS:
        found.append(hint(HintCode.NO_OUTPUT))
    return found


def hint_codes(draft: Draft, earlier: Iterable[str] = ()) -> tuple[str, ...]:
    """The codes of `coach`'s hints, as a report stores them."""
    return tuple(h.code.value for h in coach(draft, earlier))


def hints_line(codes: Iterable[str]) -> str | None:
    """Stored codes in words, first letter capital ("Uraian terlalu singkat; hasil kerja belum disebutkan");
    ``None`` without any. A code this version does not know is left out."""
    known = {code.value: label for code, label in HINT_LABELS.items()}
    words_ = [known[c] for c in codes if c in known]
    if not words_:
        return None
    text = "; ".join(words_)
    return text[0].upper() + text[1:]
