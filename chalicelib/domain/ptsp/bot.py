"""The WhatsApp auto-reply of a PTSP desk (seed 003 §3, "Metode 1: Menghubungi layanan otomatis melalui WhatsApp").

A citizen writes to the SKPD's WhatsApp number; the bot answers from the SKPD's service catalogue only:

- a greeting, "menu" or a first message it cannot place → the numbered menu of the active information types,
  `MENU_PAGE` at a time ("lagi" → the next ones), so every reply fits in one WhatsApp message (4,096 characters);
- a number → that type of the list the citizen last saw (its requirements and procedure);
- words → the type whose keywords and name they match best (a tie: a short list to pick from);
- after a type was shown, a follow-up question → the lines of that type's requirements and procedure that share
  its words ("berapa biayanya?" → the procedure's line about the fee), or the whole requirements/procedure
  when the question asks for those ("syaratnya apa?");
- "0" (or "petugas") → the SKPD's public-service officers are asked to contact the citizen, once per
  conversation; anything else it cannot answer says so and offers that.

Matching is deliberately plain and explainable: lower-case words, a light Indonesian affix stripping
(``perceraian`` → ``cerai``, ``biayanya`` → ``biaya``), stop words dropped, a score that counts shared words.
No model, nothing learnt: an officer who wonders why the bot answered something reads the keywords.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalogue import InformationType, in_menu_order

OFFICER = "0"
#: how long a conversation is remembered after its last message (WhatsApp's own service window is a day too)
CHAT_TTL_SECONDS = 24 * 3600
#: at most this many lines of a type answer a follow-up question (a WhatsApp message stays readable)
ANSWER_LINES_MAX = 3
#: types listed in one menu message: 20 names of ≤ 120 characters and the frame stay far below 4,096 characters
MENU_PAGE = 20
#: candidates offered when words name several types alike (a longer list would not help anyone choose)
CHOICES_MAX = 9
#: the longest number echoed back ("nomor 123 tidak ada"); a longer one is not repeated
ECHO_DIGITS_MAX = 4

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GREETINGS = _set(
    "menu mulai kembali halo hallo helo hai hi hello assalamualaikum assalamu alaikum salam selamat pagi siang sore "
    "malam permisi min kak bapak ibu pak bu info informasi layanan daftar tolong start p ping test tes"
)
#: what asks for the menu's next page
_MORE = _set("lagi berikutnya lanjut selanjutnya")
_OFFICER_WORDS = _set("petugas operator admin cs manusia orang hubungi sambungkan bicara")
#: words that ask for a part of the shown type rather than name a type
_REQUIREMENT_WORDS = _set("syarat dokumen berkas bawa lengkap kelengkapan")
_PROCEDURE_WORDS = _set("prosedur cara alur langkah proses tahap mekanisme urus")
_STOP_WORDS = _set(
    "yang dan atau di ke dari untuk dengan pada dalam ini itu apa apakah saja bagaimana gimana gmn berapa kapan "
    "mana dimana siapa kenapa mengapa bisa dapat boleh harus perlu mau ingin akan sudah belum ada adalah "
    "saya aku kami kita anda kamu dia mohon tolong minta tanya bertanya nanya info informasi layanan "
    "terima kasih ya tidak nggak gak ga jika kalau kalo bila agar supaya juga lagi lalu kemudian sih dong "
    "nya nih tuh pak bu bapak ibu kak min selamat pagi siang sore malam halo hai assalamualaikum the a soal tentang "
    "mengenai terkait perihal"
)
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe", "ber", "di", "ter", "ke")
_SUFFIXES = ("kan", "an")
_PARTICLES = ("nya", "lah", "kah", "pun")
_STEM_MIN = 4
_PREFIX_MATCH_MIN = 5


@dataclass(frozen=True)
class ChatState:
    """What the bot remembers of one citizen's conversation with one SKPD (kept a day, `store/chat_states.py`).

    ``menu``: the type ids in the order of the last numbered list the citizen saw, so "2" means what they read
    even if the catalogue changed since; ``type_id``: the type last shown (follow-up questions are about it);
    ``officer_asked``: the officers were already asked to contact them (not asked twice in one conversation);
    ``page``: the page of ``menu`` last listed (`MENU_PAGE` types each; "lagi" lists the next).
    """

    menu: tuple[str, ...] = ()
    type_id: str | None = None
    officer_asked: bool = False
    page: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "menu": list(self.menu),
            "type_id": self.type_id,
            "officer_asked": self.officer_asked,
            "page": self.page,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChatState:
        menu = data.get("menu") or []
        type_id = data.get("type_id")
        page = data.get("page")
        return cls(
            menu=tuple(str(m) for m in menu if isinstance(m, str))[:50] if isinstance(menu, list) else (),
            type_id=type_id if isinstance(type_id, str) else None,
            officer_asked=data.get("officer_asked") is True,
            page=page if isinstance(page, int) and not isinstance(page, bool) and 0 <= page < 50 else 0,
        )


def chat_key(skpd_id: str, sender: str, digest: Callable[[str], str]) -> str:
    """The conversation's key: the SKPD and a keyed digest of the citizen's number (the state needs no number;
    ``digest`` is the service's HMAC, `security.keys.subject_digest` — a plain hash of a number is reversible)."""
    return f"CHAT#{skpd_id}#{digest(sender)}"


@dataclass(frozen=True)
class BotReply:
    """The text to send back, the conversation's next state, and whether the officers must be asked now."""

    text: str
    state: ChatState
    call_officer: bool = False
    #: the information type the reply is about (the officers' notice names it)
    type_id: str | None = field(default=None)


# -- words ------------------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters and digits; punctuation and emoji are separators)."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    """A light Indonesian stem: a particle, then one suffix, then up to two prefixes, each only if ``_STEM_MIN``
    letters stay (``perceraian`` → ``cerai``, ``biayanya`` → ``biaya``, ``kependudukan`` → ``duduk``).

    Not a full stemmer (no ``-i``, which would cut ``cerai``; no nasal restoration: ``penetapan`` does not meet
    ``tetap``); keywords written by officers are stemmed the same way, so both sides meet on the same form in
    the common cases.
    """
    if word.isdigit():
        return word
    for ends in (_PARTICLES, ("an",) if word.startswith("ke") else _SUFFIXES):  # ke-…-an: "kependudukan"
        for end in ends:
            if word.endswith(end) and len(word) - len(end) >= _STEM_MIN:
                word = word[: -len(end)]
                break
    for _ in range(2):
        start = next((p for p in _PREFIXES if word.startswith(p) and len(word) - len(p) >= _STEM_MIN), None)
        if start is None:
            break
        word = word[len(start) :]
    return word


def stems(text: str) -> set[str]:
    """The content words of ``text``, stemmed: stop words dropped."""
    return {stem(w) for w in words(text) if w not in _STOP_WORDS and stem(w) not in _STOP_WORDS}


def _same(a: str, b: str) -> bool:
    """Two stems match when equal, or when one starts the other and is long enough to mean it (``akte``/``akta``
    do not; ``kependudukan``/``penduduk`` stem alike anyway; ``salin``/``salinan`` do)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= _PREFIX_MATCH_MIN and long_.startswith(short)


def _overlap(asked: Iterable[str], known: set[str]) -> int:
    return sum(1 for a in asked if any(_same(a, k) for k in known))


# -- the catalogue as the bot reads it ---------------------------------------------------------------------


def identity(info: InformationType) -> set[str]:
    """The stems that name a type: its keywords' and its name's (minus the words that ask for a part)."""
    found = stems(info.name)
    for keyword in info.keywords:
        found |= stems(keyword)
    return found - _REQUIREMENT_WORDS - _PROCEDURE_WORDS


def score(asked: set[str], info: InformationType) -> int:
    """How well the citizen's stems name ``info``: one point per stem shared with its keywords or name, plus the
    length (in words) of the longest keyword met in full — "akta cerai" names the type keyed "akta cerai"
    better than the one keyed "cerai", and "cerai" alone names the latter better than the former."""
    points = _overlap(asked, identity(info))
    whole = [len(phrase) for phrase in map(stems, info.keywords) if phrase and _overlap(phrase, asked) == len(phrase)]
    return points + max(whole, default=0) if points else 0


def ranked(asked: set[str], types: Sequence[InformationType]) -> list[tuple[int, InformationType]]:
    """The types the stems name, best first (ties keep the menu's order); types scoring nothing are left out."""
    scored = [(score(asked, t), t) for t in types]
    return sorted(((s, t) for s, t in scored if s > 0), key=lambda pair: -pair[0])


def _lines(info: InformationType) -> list[str]:
    """The answerable lines of a type: each requirement, each line or sentence of the procedure."""
    found = [f"Persyaratan: {r}" for r in info.requirements]
    for line in info.procedure.splitlines():
        found += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return found


# -- texts --------------------------------------------------------------------------------------------------

_OFFICER_HINT = "Ketik 0 untuk dihubungkan dengan petugas."
_HINT = "Ketik MENU untuk melihat daftar layanan, atau ketik 0 untuk dihubungkan dengan petugas."
_DETAIL_HINT = (
    "Silakan sampaikan pertanyaan lanjutan tentang layanan ini, ketik MENU untuk kembali ke daftar layanan, "
    "atau ketik 0 untuk dihubungkan dengan petugas."
)


def menu_text(office: str, types: Sequence[InformationType], *, intro: str = "", start: int = 1, total: int = 0) -> str:
    """One page of the menu: ``types`` numbered from ``start``; with ``total`` (all the menu's types) beyond this
    page, how to see the next ones."""
    lines = [intro] if intro else []
    lines += [
        f"Selamat datang di layanan informasi PTSP {office}.",
        "Silakan pilih jenis informasi dengan mengetik angkanya:",
        *(f"{n}. {t.name}" for n, t in enumerate(types, start=start)),
        "",
    ]
    last = start + len(types) - 1
    if total > len(types):
        more = "berikutnya" if last < total else "dari awal"
        lines.append(f"Menampilkan {start}–{last} dari {total} layanan. Ketik LAGI untuk daftar {more}.")
    lines += ["Anda juga dapat langsung menuliskan pertanyaan Anda.", "Ketik 0 untuk dihubungkan dengan petugas."]
    return "\n".join(lines)


def detail_text(info: InformationType) -> str:
    return "\n".join(
        [
            f"*{info.name}*",
            "",
            "Persyaratan:",
            *(f"{n}. {item}" for n, item in enumerate(info.requirements, start=1)),
            "",
            "Prosedur:",
            info.procedure,
            "",
            _DETAIL_HINT,
        ]
    )


def officer_notice(office: str, sender: str, info: InformationType | None) -> str:
    """What the SKPD's public-service officers get when a citizen asks for a person (with the number to call)."""
    lines = [
        f"Permintaan bantuan dari layanan WhatsApp PTSP {office}.",
        f"Nomor WhatsApp pemohon: +{sender.lstrip('+')}",
    ]
    if info is not None:
        lines.append(f"Informasi terakhir yang dilihat: {info.name}")
    lines += ["", "Mohon hubungi pemohon melalui WhatsApp pada jam kerja."]
    return "\n".join(lines)


# -- the conversation ----------------------------------------------------------------------------------------


def answer(message: str, state: ChatState | None, catalogue: Sequence[InformationType], *, office: str) -> BotReply:
    """The reply to ``message`` (the citizen's text; empty for a photo, a sticker…) given the conversation so far
    (``None``: the first message, or the last one was more than a day ago) and the SKPD's catalogue."""
    types = in_menu_order(t for t in catalogue if t.active)
    known = state or ChatState()
    said = words(message)
    if _asks_for_officer(said):
        return _officer(known, office)
    if not types:
        text = f"Mohon maaf, daftar layanan informasi PTSP {office} belum tersedia.\n{_OFFICER_HINT}"
        return BotReply(text, ChatState(officer_asked=known.officer_asked))
    if said and set(said) <= _MORE and known.menu:
        return _next_page(known, types, office)
    if not said or set(said) <= _GREETINGS:
        return _menu(known, types, office)
    if len(said) == 1 and said[0].isdigit():
        return _pick(int(said[0]), known, types, office)
    asked = stems(message)
    by_id = {t.type_id: t for t in types}
    current = by_id.get(known.type_id or "")
    best = ranked(asked - _REQUIREMENT_WORDS - _PROCEDURE_WORDS, types)
    top = [t for s, t in best if s == best[0][0]] if best else []
    if current is not None and (not top or current in top):
        return _follow_up(asked, current, known, types, office)
    if len(top) == 1:
        return _detail(top[0], known)
    if top:
        return _choices(top, known)
    if state is None:
        return _menu(known, types, office)
    return BotReply(f"Mohon maaf, kami belum dapat memahami pesan Anda.\n{_HINT}", known)


def _menu(state: ChatState, types: Sequence[InformationType], office: str, intro: str = "") -> BotReply:
    menu = tuple(t.type_id for t in types)
    text = menu_text(office, types[:MENU_PAGE], intro=intro, total=len(types))
    return BotReply(text, ChatState(menu, None, state.officer_asked))


def _next_page(state: ChatState, types: Sequence[InformationType], office: str) -> BotReply:
    """The next `MENU_PAGE` types of the list the citizen is reading (after the last page: the first again);
    numbers go on (21, 22, …) so they keep meaning what the citizen reads."""
    page = state.page + 1 if (state.page + 1) * MENU_PAGE < len(state.menu) else 0
    by_id = {t.type_id: t for t in types}
    ids = state.menu[page * MENU_PAGE : (page + 1) * MENU_PAGE]
    if not any(i in by_id for i in ids):  # the catalogue changed since: a fresh menu
        return _menu(state, types, office)
    lines = [f"{page * MENU_PAGE + n}. {by_id[i].name}" for n, i in enumerate(ids, start=1) if i in by_id]
    last = page * MENU_PAGE + len(ids)
    more = "berikutnya" if last < len(state.menu) else "dari awal"
    text = "\n".join(
        [
            "Daftar layanan (lanjutan):",
            *lines,
            "",
            f"Menampilkan {page * MENU_PAGE + 1}–{last} dari {len(state.menu)} layanan. "
            f"Ketik LAGI untuk daftar {more}.",
            "Ketik angka layanan, atau ketik 0 untuk dihubungkan dengan petugas.",
        ]
    )
    return BotReply(text, ChatState(state.menu, None, state.officer_asked, page))


def _detail(info: InformationType, state: ChatState) -> BotReply:
    return BotReply(detail_text(info), ChatState(state.menu, info.type_id, state.officer_asked), type_id=info.type_id)


def _pick(number: int, state: ChatState, types: Sequence[InformationType], office: str) -> BotReply:
    """Number ``number`` of the list the citizen saw (the current menu when they saw none)."""
    menu = state.menu or tuple(t.type_id for t in types)
    by_id = {t.type_id: t for t in types}
    chosen = by_id.get(menu[number - 1]) if 1 <= number <= len(menu) else None
    if chosen is None:
        shown = f"nomor {number}" if len(str(number)) <= ECHO_DIGITS_MAX else "nomor tersebut"  # never 1,000 digits
        return _menu(state, types, office, intro=f"Mohon maaf, {shown} tidak ada dalam daftar.\n")
    return _detail(chosen, state)


def _choices(candidates: Sequence[InformationType], state: ChatState) -> BotReply:
    candidates = candidates[:CHOICES_MAX]
    text = "\n".join(
        [
            "Kami menemukan beberapa layanan yang mungkin Anda maksud:",
            *(f"{n}. {t.name}" for n, t in enumerate(candidates, start=1)),
            "",
            "Ketik angka layanan yang Anda maksud, atau ketik 0 untuk dihubungkan dengan petugas.",
        ]
    )
    return BotReply(text, ChatState(tuple(t.type_id for t in candidates), state.type_id, state.officer_asked))


def _follow_up(
    asked: set[str], info: InformationType, state: ChatState, types: Sequence[InformationType], office: str
) -> BotReply:
    """A question about the type last shown: its matching lines, or the part asked for, or the whole type."""
    extra = asked - identity(info) - _REQUIREMENT_WORDS - _PROCEDURE_WORDS
    scored = [(_overlap(extra, stems(line)), n, line) for n, line in enumerate(_lines(info))]
    found = sorted((s, n, line) for s, n, line in scored if s > 0)
    found.sort(key=lambda item: (-item[0], item[1]))
    keep = ChatState(state.menu, info.type_id, state.officer_asked)
    if found:
        lines = [line for _, _, line in found[:ANSWER_LINES_MAX]]
        text = "\n".join([f"Terkait *{info.name}*:", *(f"- {line}" for line in lines), "", _DETAIL_HINT])
        return BotReply(text, keep, type_id=info.type_id)
    if asked & _REQUIREMENT_WORDS and not asked & _PROCEDURE_WORDS:
        items = [f"{n}. {item}" for n, item in enumerate(info.requirements, start=1)]
        text = "\n".join([f"Persyaratan *{info.name}*:", *items, "", _DETAIL_HINT])
        return BotReply(text, keep, type_id=info.type_id)
    if asked & _PROCEDURE_WORDS and not asked & _REQUIREMENT_WORDS:
        text = "\n".join([f"Prosedur *{info.name}*:", info.procedure, "", _DETAIL_HINT])
        return BotReply(text, keep, type_id=info.type_id)
    if not extra:
        return _detail(info, state)
    text = f"Mohon maaf, jawaban atas pertanyaan tersebut belum tersedia dalam informasi *{info.name}*.\n{_HINT}"
    return BotReply(text, keep, type_id=info.type_id)


def _asks_for_officer(said: list[str]) -> bool:
    """ "0", or only words asking for a person ("petugas", "hubungi petugas", "mau bicara dengan admin")."""
    if said in ([OFFICER], ["nol"]):
        return True
    return bool(said) and set(said) <= _OFFICER_WORDS | _STOP_WORDS and bool(set(said) & _OFFICER_WORDS)


def no_officer(reply: BotReply, office: str) -> BotReply:
    """``reply`` asked for officers but the SKPD has none to tell: say it could not be passed on now (never that it
    was), and leave the conversation so a later "0" asks again."""
    text = (
        f"Mohon maaf, permintaan Anda belum dapat kami teruskan kepada petugas PTSP {office} saat ini.\n"
        "Silakan hubungi kantor kami pada jam kerja, atau ketik MENU untuk melihat daftar layanan."
    )
    state = ChatState(reply.state.menu, reply.state.type_id, False, reply.state.page)
    return BotReply(text, state, type_id=reply.type_id)


def _officer(state: ChatState, office: str) -> BotReply:
    if state.officer_asked:
        text = (
            "Permintaan Anda sudah kami teruskan kepada petugas; mohon menunggu, petugas akan menghubungi Anda "
            "pada jam kerja.\nKetik MENU untuk melihat daftar layanan."
        )
        return BotReply(text, state)
    text = (
        f"Terima kasih. Permintaan Anda telah kami teruskan kepada petugas PTSP {office}.\n"
        "Petugas akan menghubungi Anda melalui WhatsApp ini pada jam kerja."
    )
    return BotReply(text, ChatState(state.menu, state.type_id, True), call_officer=True, type_id=state.type_id)
